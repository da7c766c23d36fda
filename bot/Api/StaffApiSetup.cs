using BriefingBot.Bot.Channel;
using Microsoft.AspNetCore.Http.Features;

namespace BriefingBot.Bot.Api;

/// <summary>Registers and maps the staff and integration API under <c>/api</c>, its problem details and its OpenAPI document.</summary>
public static class StaffApiSetup
{
    public static ApiOptions AddStaffApi(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ApiOptions.SectionName);
        RequireEntries(section.GetSection(nameof(ApiOptions.Keys)));
        var options = section.Get<ApiOptions>() ?? new ApiOptions();
        services.AddSingleton(options);
        services.AddStaffAuthentication(options);
        services.AddSingleton<IngestJobQueue>();

        services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = Math.Max(options.MaxUploadBytes, 1);

            // An uploaded file is read into memory (it is ingested from there) and never buffered to a temporary file,
            // which an interrupted upload could leave behind in the system's temp folder.
            form.MemoryBufferThreshold = (int)Math.Clamp(options.MaxUploadBytes, 1, int.MaxValue);
        });
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<StaffApiDocumentTransformer>());
        return options;
    }

    /// <summary>
    /// Stops the start when an <c>Api:Keys</c> entry is a bare string (<c>Api__Keys__0=some-secret</c>), which the binder
    /// would silently drop, leaving the API without the key its operator meant to configure.
    /// </summary>
    private static void RequireEntries(IConfigurationSection keys)
    {
        if (keys.Value is { Length: > 0 })
        {
            throw new InvalidOperationException(
                $"{keys.Path} is a single value; it must be a list of entries with Name and Hash (make one with 'api-key NAME').");
        }

        foreach (var entry in keys.GetChildren())
        {
            if (entry.Value is { Length: > 0 })
            {
                throw new InvalidOperationException(
                    $"{entry.Path} is a bare value; each API key entry needs {entry.Path}:Name and {entry.Path}:Hash, the SHA-256 of the key " +
                    "(make one with 'api-key NAME'; the key itself never goes into the settings).");
            }
        }
    }

    public static void MapStaffApi(this WebApplication app, ApiOptions options)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseMiddleware<StaffBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        var group = app.MapGroup("/api").WithTags("Staff API").ProducesStaffRefusals();
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
