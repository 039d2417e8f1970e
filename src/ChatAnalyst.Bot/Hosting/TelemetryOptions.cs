namespace ChatAnalyst.Bot.Hosting;

/// <summary>Where traces, metrics and logs go (<c>ChatAnalyst:Telemetry</c>), besides the console log.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "ChatAnalyst:Telemetry";

    /// <summary>
    /// An OTLP collector to export to, e.g. <c>http://localhost:4317</c>; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// (and the other <c>OTEL_EXPORTER_OTLP_*</c> variables) work too and win. Nothing is exported when neither is set.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Writes spans to the console; null means on in Development only.</summary>
    public bool? Console { get; set; }
}
