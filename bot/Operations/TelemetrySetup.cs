using BriefingBot.Memory.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BriefingBot.Bot.Operations;

/// <summary>
/// OpenTelemetry for the host: BriefingBot's own spans and instruments, ASP.NET Core and HttpClient instrumentation,
/// exported over OTLP when <c>Telemetry:Otlp:Endpoint</c> is set and to the console when <c>Telemetry:Console</c> is
/// true. With neither, nothing is exported (the instruments still feed in-process listeners).
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointSetting = "Telemetry:Otlp:Endpoint";
    public const string ConsoleSetting = "Telemetry:Console";

    public static IServiceCollection AddBriefingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration[OtlpEndpointSetting];
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(otlp) && !Uri.TryCreate(otlp.Trim(), UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{OtlpEndpointSetting} '{otlp}' is not an absolute URL (e.g. http://localhost:4317).");
        }

        var console = configuration.GetValue(ConsoleSetting, false);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BriefingTelemetry.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BriefingTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (endpoint is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = endpoint);
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BriefingTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (endpoint is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }
}
