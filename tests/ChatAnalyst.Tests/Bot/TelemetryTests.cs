using System.Diagnostics;
using ChatAnalyst.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatAnalyst.Tests.Bot;

/// <summary>The real bot host with OpenTelemetry's in-memory exporters beside its own, logging at Information.</summary>
public sealed class TelemetryBotFixture : IAsyncLifetime
{
    public TelemetryBotFixture()
    {
        Bot = new BotHostFixture("--Logging:LogLevel:Default=Information")
        {
            Configure = builder =>
            {
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
                builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            },
        };
    }

    public List<Activity> Spans { get; } = [];

    public List<Metric> Metrics { get; } = [];

    public BotHostFixture Bot { get; }

    public Task InitializeAsync() => Bot.InitializeAsync();

    public Task DisposeAsync() => Bot.DisposeAsync();
}

/// <summary>
/// A question over the real protocol produces a trace: a turn span holding the conversation and activity ids, the
/// answer under it, the model call and the retrieval or indicator lookups under that, Semantic Kernel's own function
/// spans, and the turn and tool metrics; the log lines written during the turn carry both ids in their scope.
/// </summary>
public sealed class TelemetryTests(TelemetryBotFixture fixture) : IClassFixture<TelemetryBotFixture>
{
    [Fact]
    public async Task A_turn_is_one_trace_tagged_with_its_conversation_and_its_log_lines_carry_the_ids()
    {
        var conversation = "conv-telemetry-" + Guid.NewGuid().ToString("N");
        var message = BotHostFixture.Message("5G base stations at the end of 2024?", conversation);
        var activityId = (string)message["id"]!;

        var (status, replies) = await fixture.Bot.SendAsync(message);

        Assert.Equal(200, status);
        Assert.Contains(replies, r => ((string?)r["text"])?.Contains("4.25 million", StringComparison.Ordinal) == true);
        List<Activity> spans;
        lock (fixture.Spans)
        {
            spans = fixture.Spans.ToList();
        }

        var turn = Assert.Single(spans, s => s.DisplayName == "turn message" && (string?)s.GetTagItem(ChatAnalystTelemetry.ConversationIdTag) == conversation);
        Assert.Equal(activityId, turn.GetTagItem(ChatAnalystTelemetry.ActivityIdTag));
        var trace = spans.Where(s => s.TraceId == turn.TraceId).ToList();
        var answer = Assert.Single(trace, s => s.DisplayName == "answer");
        Assert.Equal(turn.SpanId, answer.ParentSpanId);
        Assert.Equal("Answer", answer.GetTagItem("chatanalyst.answer.kind"));
        var modelCalls = trace.Where(s => s.DisplayName.StartsWith("chat ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(modelCalls);
        Assert.All(modelCalls, s => Assert.Equal(answer.SpanId, s.ParentSpanId));
        Assert.Contains(trace, s => s.DisplayName.StartsWith("retrieval ", StringComparison.Ordinal) || s.DisplayName.StartsWith("indicator_lookup ", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.AspNetCore");

        fixture.Bot.Services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (fixture.Metrics)
        {
            Assert.Contains(fixture.Metrics, m => m.Name == "chatanalyst.turns");
            Assert.Contains(fixture.Metrics, m => m.Name == "chatanalyst.tool.calls");
            Assert.Contains(fixture.Metrics, m => m.Name == "chatanalyst.turn.duration");
        }

        var answered = Assert.Single(fixture.Bot.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Answered in", StringComparison.Ordinal) && e.Scopes.Any(s => s.Contains(conversation, StringComparison.Ordinal)));
        Assert.Contains(answered.Scopes, s => s.Contains(activityId, StringComparison.Ordinal));

        // Semantic Kernel's per-function lines ("Function ... invoking") stay off even at Information (appsettings.json).
        Assert.DoesNotContain(fixture.Bot.Logs.Entries, e => e.Category.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        Assert.Contains(fixture.Bot.Logs.Entries, e => e.Message.StartsWith("Tool KnowledgeBase-search_articles returned", StringComparison.Ordinal) || e.Message.StartsWith("Tool Indicators-", StringComparison.Ordinal));
    }
}
