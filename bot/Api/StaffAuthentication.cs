using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace BriefingBot.Bot.Api;

/// <summary>
/// The staff API's authentication schemes and authorization policies. The <see cref="Scheme"/> policy scheme sends
/// each request to one scheme: <see cref="ApiKeyScheme"/> for an <c>X-Api-Key</c> header or a bearer value that is a
/// configured key, <see cref="EntraScheme"/> for any other bearer token when <c>Api:Entra</c> is on, and
/// <see cref="LoopbackScheme"/> when neither keys nor Entra ID are configured. The policies <see cref="ReadPolicy"/>
/// and <see cref="WritePolicy"/> require the caller's permission.
/// </summary>
public static class StaffAuthentication
{
    public const string ApiKeyHeader = "X-Api-Key";

    public const string Scheme = "Staff";
    public const string ApiKeyScheme = "ApiKey";
    public const string EntraScheme = "Bearer";
    public const string LoopbackScheme = "Loopback";

    public const string ReadPolicy = "StaffRead";
    public const string WritePolicy = "StaffWrite";

    public static void AddStaffAuthentication(this IServiceCollection services, ApiOptions options)
    {
        var keys = new ApiKeyAuthenticator(options);
        services.AddSingleton(keys);
        var authentication = services.AddAuthentication();
        authentication.AddPolicyScheme(Scheme, "Staff API", policy => policy.ForwardDefaultSelector = context => Select(context, options, keys));
        authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null);
        authentication.AddScheme<AuthenticationSchemeOptions, LoopbackAuthenticationHandler>(LoopbackScheme, null);
        if (options.Entra.Enabled)
        {
            services.AddHttpClient(nameof(EntraTokenValidator));
            services.AddSingleton(sp => new EntraTokenValidator(
                options.Entra,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EntraTokenValidator)),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<EntraTokenValidator>>()));
            authentication.AddScheme<AuthenticationSchemeOptions, EntraAuthenticationHandler>(EntraScheme, null);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, policy => policy.AddAuthenticationSchemes(Scheme).AddRequirements(new StaffPermissionRequirement(StaffPermission.Read)))
            .AddPolicy(WritePolicy, policy => policy.AddAuthenticationSchemes(Scheme).AddRequirements(new StaffPermissionRequirement(StaffPermission.Write)));
        services.AddSingleton<IAuthorizationHandler, StaffPermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaffAuthorizationResultHandler>();
    }

    /// <summary>The value of <c>Authorization: Bearer …</c>, or null.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var parts = request.Headers[HeaderNames.Authorization].ToString().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
    }

    /// <summary>The schemes a 401 names in <c>WWW-Authenticate</c>.</summary>
    public static string Challenge(ApiOptions options) => options.Entra.Enabled ? "Bearer, ApiKey" : "ApiKey";

    private static string Select(HttpContext context, ApiOptions options, ApiKeyAuthenticator keys)
    {
        if (!options.AnyAuthenticationConfigured)
        {
            return LoopbackScheme;
        }

        if (!options.Entra.Enabled || context.Request.Headers.ContainsKey(ApiKeyHeader) || Bearer(context.Request) is not { } bearer)
        {
            return ApiKeyScheme;
        }

        // A bearer value that is a configured key is a key; with keys on, a value that cannot be a JWT gets the key's refusal.
        return keys.Enabled && (keys.IsConfigured(bearer) || !LooksLikeJwt(bearer)) ? ApiKeyScheme : EntraScheme;
    }

    private static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
