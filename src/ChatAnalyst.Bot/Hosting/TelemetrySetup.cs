using ChatAnalyst.Orchestration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatAnalyst.Bot.Hosting;

/// <summary>
/// OpenTelemetry for the bot: traces and metrics of turns, retrieval, indicator lookups and model calls (ours and
/// Semantic Kernel's own <c>Microsoft.SemanticKernel*</c> sources and meters, ASP.NET Core, outgoing HTTP), and logs
/// with their scopes (conversation and activity ids). Exported over OTLP when an endpoint is configured; spans also go
/// to the console in Development (<see cref="TelemetryOptions"/>).
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The activity sources and meters exported besides ASP.NET Core's and HttpClient's.</summary>
    public static readonly string[] Sources = [ChatAnalystTelemetry.Name, "Microsoft.SemanticKernel*"];

    /// <summary>Standard variable naming the OTLP endpoint (read from configuration, so also from the environment).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddChatAnalystTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]) && !string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            // The exporter reads the standard variable from configuration; the bot's own key only fills it in.
            builder.Configuration[OtlpEndpointVariable] = options.OtlpEndpoint;
        }

        // Semantic Kernel describes its model calls with the GenAI semantic conventions only when asked to (prompts
        // and completions, the sensitive part, stay off).
        AppContext.SetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnostics", true);

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ChatAnalyst.Bot"))
            .WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments("/readyz"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(Sources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            telemetry.UseOtlpExporter();
        }

        if (options.Console ?? builder.Environment.IsDevelopment())
        {
            // Spans only: the metrics would print every instrument once a minute, burying the log.
            // Batched: the spans are written by the exporter's own thread, not by the request that ends them. The
            // simple processor wrote each span's block to the console before the reply went out, several per turn.
            telemetry.WithTracing(tracing => tracing.AddProcessor(new BatchActivityExportProcessor(new ConsoleActivityExporter(new ConsoleExporterOptions()))));
        }

        return builder;
    }
}
