using BriefingBot.Bot.Channel;
using Microsoft.AspNetCore.Http.Features;

namespace BriefingBot.Bot.Api;

/// <summary>Registers and maps the staff and integration API under <c>/api</c>, its problem details and its OpenAPI document.</summary>
public static class StaffApiSetup
{
    public static ApiOptions AddStaffApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        services.AddSingleton(options);
        services.AddSingleton(new ApiKeyAuthenticator(options));
        services.AddSingleton<IngestJobQueue>();
        if (options.Entra.Enabled)
        {
            services.AddHttpClient(nameof(EntraTokenValidator));
            services.AddSingleton(sp => new EntraTokenValidator(
                options.Entra,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EntraTokenValidator)),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<EntraTokenValidator>>()));
        }

        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = Math.Max(options.MaxUploadBytes, 1));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<StaffApiDocumentTransformer>());
        return options;
    }

    public static void MapStaffApi(this WebApplication app, ApiOptions options)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseMiddleware<StaffAuthenticationMiddleware>();
        var group = app.MapGroup("/api").WithTags("Staff API");
        AskEndpoints.Map(group, options);
        DocumentEndpoints.Map(group, options);
        JobEndpoints.Map(group);
        app.MapOpenApi();
        if (!options.AnyAuthenticationConfigured)
        {
            app.Logger.LogWarning("No Api:Keys or Api:Entra configured: the staff API (/api/ask, /api/documents, …) answers loopback callers only");
        }
        else if (!options.Keys.Any(k => !k.Revoked) && !options.Entra.Enabled)
        {
            app.Logger.LogWarning("Every Api:Keys entry is revoked: the staff API refuses every caller");
        }
    }
}
