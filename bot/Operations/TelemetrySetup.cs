using BriefingBot.Memory.Telemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BriefingBot.Bot.Operations;

/// <summary>
/// OpenTelemetry for the host: BriefingBot's own spans and instruments, ASP.NET Core and HttpClient instrumentation,
/// exported over OTLP (<c>Telemetry:Otlp:Protocol</c> grpc or http/protobuf) when <c>Telemetry:Otlp:Endpoint</c> is set and to the console when <c>Telemetry:Console</c> is
/// true. With neither, nothing is exported (the instruments still feed in-process listeners).
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointSetting = "Telemetry:Otlp:Endpoint";
    public const string OtlpProtocolSetting = "Telemetry:Otlp:Protocol";
    public const string ConsoleSetting = "Telemetry:Console";

    public static IServiceCollection AddBriefingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration[OtlpEndpointSetting];
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(otlp) && !Uri.TryCreate(otlp.Trim(), UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{OtlpEndpointSetting} '{otlp}' is not an absolute URL (e.g. http://localhost:4317).");
        }

        var protocol = configuration[OtlpProtocolSetting]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{OtlpProtocolSetting} '{other}' is not known: use grpc or http/protobuf."),
        };

        // With HTTP the exporter posts to the URL as given, so each signal gets its standard path under the base.
        void Otlp(OtlpExporterOptions o, string signalPath)
        {
            o.Protocol = protocol;
            o.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint! : new Uri(endpoint!.ToString().TrimEnd('/') + "/" + signalPath);
        }

        var console = configuration.GetValue(ConsoleSetting, false);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BriefingTelemetry.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BriefingTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (endpoint is not null)
                {
                    tracing.AddOtlpExporter(o => Otlp(o, "v1/traces"));
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
                    metrics.AddOtlpExporter(o => Otlp(o, "v1/metrics"));
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
        return services;
    }
}
