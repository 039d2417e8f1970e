using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Orchestration.Answers;

/// <summary>What a finished turn reports: tags on its trace span, the turn counter and duration, and one log line.</summary>
internal static class TurnTelemetry
{
    public static void Record(AnalystAnswer answer, TimeSpan elapsed, Activity? span, ILogger logger)
    {
        span?.SetTag("chatanalyst.answer.kind", answer.Kind.ToString());
        span?.SetTag("chatanalyst.answer.model", answer.Model);
        span?.SetTag("chatanalyst.answer.citations", answer.Citations.Count);
        span?.SetTag("chatanalyst.model.round_trips", answer.ModelRoundTrips);
        var tags = new TagList { { "chatanalyst.answer.kind", answer.Kind.ToString() }, { "chatanalyst.answer.model", answer.Model } };
        ChatAnalystTelemetry.Turns.Add(1, tags);
        ChatAnalystTelemetry.TurnDuration.Record(elapsed.TotalSeconds, tags);
        logger.LogInformation(
            "Answered in {Elapsed} ms: kind {Kind}, model {Model}, {Citations} citations, {RoundTrips} model round-trips, {PromptTokens} prompt and {CompletionTokens} completion tokens",
            elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture),
            answer.Kind,
            answer.Model,
            answer.Citations.Count,
            answer.ModelRoundTrips,
            answer.PromptTokens,
            answer.CompletionTokens);
    }
}
