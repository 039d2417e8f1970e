using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatAnalyst.Orchestration;

/// <summary>
/// The bot's own traces and metrics (OpenTelemetry reads them through <see cref="System.Diagnostics"/>): a span per
/// turn, per model call and per tool call (retrieval and indicator lookups), and counters and durations of the same.
/// Spans carry no question or answer text; metrics carry no conversation id (one series per conversation would not scale).
/// </summary>
public static class ChatAnalystTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "ChatAnalyst";

    /// <summary>Span tag holding the Bot Framework conversation id.</summary>
    public const string ConversationIdTag = "chatanalyst.conversation.id";

    /// <summary>Span tag holding the id of the activity (message) being answered.</summary>
    public const string ActivityIdTag = "chatanalyst.activity.id";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Questions answered, by answer kind and model.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("chatanalyst.turns", "{turn}", "Questions answered");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("chatanalyst.turn.duration", "s", "Time to answer a question");

    /// <summary>Calls to the chat model, by outcome (ok, error, cancelled).</summary>
    public static readonly Counter<long> ModelCalls = Meter.CreateCounter<long>("chatanalyst.model.calls", "{call}", "Chat model calls");

    public static readonly Histogram<double> ModelCallDuration = Meter.CreateHistogram<double>("chatanalyst.model.call.duration", "s", "Duration of one chat model call");

    /// <summary>Tokens the model reported, by type (input, output).</summary>
    public static readonly Counter<long> ModelTokens = Meter.CreateCounter<long>("chatanalyst.model.tokens", "{token}", "Tokens the chat model reported");

    /// <summary>Tool calls, by tool and outcome (ok, error, refused).</summary>
    public static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>("chatanalyst.tool.calls", "{call}", "Tool calls: retrieval and indicator lookups");

    public static readonly Histogram<double> ToolCallDuration = Meter.CreateHistogram<double>("chatanalyst.tool.call.duration", "s", "Duration of one tool call");

    /// <summary>Requests and turns a limit turned away or cut short, by limit (user, conversation, edge, deadline).</summary>
    public static readonly Counter<long> LimitHits = Meter.CreateCounter<long>("chatanalyst.limits.hits", "{hit}", "Requests and turns a limit turned away or cut short");

    /// <summary>The span name of a tool call: retrieval for article search, indicator_lookup for the indicator tools.</summary>
    public static string ToolSpanName(string? plugin, string function) =>
        (plugin == Plugins.KnowledgeBasePlugin.PluginName ? "retrieval " : "indicator_lookup ") + function;
}
