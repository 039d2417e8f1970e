namespace ChatAnalyst.Orchestration;

/// <summary>The chat model behind the orchestrator.</summary>
public enum AiProvider
{
    /// <summary>The built-in deterministic model: plans tool calls and composes extractive answers. No network.</summary>
    Offline,

    /// <summary>OpenAI's API.</summary>
    OpenAI,

    /// <summary>An Azure OpenAI deployment.</summary>
    AzureOpenAI,

    /// <summary>Any server that speaks the OpenAI chat completions API (Ollama, vLLM, LM Studio, ...).</summary>
    OpenAICompatible,
}
