namespace ChatAnalyst.Knowledge;

/// <summary>
/// Whether the knowledge base has finished loading. The bot reports it on <c>/readyz</c> and answers
/// "still loading" until it is ready, so a slow first ingest never produces an ungrounded answer.
/// </summary>
public sealed class KnowledgeReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    /// <summary>Loading ended with an error (see <see cref="Status"/>); it will not become ready without a restart.</summary>
    public bool IsFailed { get; private set; }

    /// <summary>A short status line: "loading", "ready" or the reason loading failed.</summary>
    public string Status { get; private set; } = "loading";

    public int Documents { get; private set; }

    public int Chunks { get; private set; }

    public int Observations { get; private set; }

    public void MarkReady(int documents, int chunks, int observations)
    {
        Documents = documents;
        Chunks = chunks;
        Observations = observations;
        Status = "ready";
        IsFailed = false;
        _ready = true;
    }

    public void MarkFailed(string reason)
    {
        Status = "failed: " + reason;
        IsFailed = true;
        _ready = false;
    }
}
