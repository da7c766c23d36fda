using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BriefingBot.Bot.Operations;

/// <summary>Readiness, correlation ids, telemetry and the shutdown grace, registered and mapped together.</summary>
internal static class OperationsSetup
{
    public static OperationsOptions AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OperationsOptions.SectionName).Get<OperationsOptions>() ?? new OperationsOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<ReadinessCheck>();
        var address = configuration.GetSection(PublicAddressOptions.SectionName).Get<PublicAddressOptions>() ?? new PublicAddressOptions();
        address.Validate();
        services.AddSingleton(address);
        services.AddProblemDetails();
        services.AddExceptionHandler<ServerExceptionHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));
        services.AddBriefingTelemetry(configuration);
        return options;
    }

    /// <summary>
    /// Behind the proxies of <c>Bot:KnownProxies</c>, a request's client address is the last one their
    /// <c>X-Forwarded-For</c> adds; from anywhere else the header is ignored. Call first, before anything reads the address.
    /// </summary>
    public static void UseKnownProxies(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<PublicAddressOptions>().Proxies;
        if (proxies.Count == 0)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            forwarded.KnownProxies.Add(proxy);
        }

        app.UseForwardedHeaders(forwarded);
    }

    /// <summary>Every endpoint's exceptions become problem details (<see cref="ServerExceptionHandler"/>); call before mapping endpoints.</summary>
    public static void UseServerErrors(this WebApplication app) => app.UseExceptionHandler();

    /// <summary><c>/health</c> answers while the process runs; <c>/ready</c> only when it can answer questions.</summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapGet("/ready", async (ReadinessCheck readiness, CancellationToken ct) =>
        {
            var report = await readiness.CheckAsync(ct);
            return report.Ready
                ? Results.Ok(new { status = "ready", checkedAt = report.CheckedAt })
                : Results.Problem(
                    title: "Not ready",
                    detail: "Not ready: " + string.Join("; ", report.Problems) + ".",
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    extensions: new Dictionary<string, object?> { ["problems"] = report.Problems, ["checkedAt"] = report.CheckedAt });
        });
    }
}
