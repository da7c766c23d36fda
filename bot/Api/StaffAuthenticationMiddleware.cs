using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Guards the endpoints marked with <see cref="StaffAccess"/>: applies the body size limit, authenticates the caller
/// (an API key in <c>X-Api-Key</c> or as a bearer token, or an Entra ID token; with neither configured only loopback
/// callers are answered), checks the permission, and leaves the <see cref="StaffCaller"/> for the handler.
/// </summary>
public sealed class StaffAuthenticationMiddleware(RequestDelegate next, ApiOptions options, ApiKeyAuthenticator keys, IServiceProvider services)
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly EntraTokenValidator? _entra = options.Entra.Enabled ? services.GetRequiredService<EntraTokenValidator>() : null;

    public async Task InvokeAsync(HttpContext context)
    {
        var access = context.GetEndpoint()?.Metadata.GetMetadata<StaffAccess>();
        if (access is null)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > access.MaxBodyBytes)
        {
            await ProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body is larger than the {access.MaxBodyBytes} bytes this endpoint accepts.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = access.MaxBodyBytes;
        }

        var (caller, status, refusal) = await AuthenticateAsync(context);
        if (caller is null)
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = _entra is null ? "ApiKey" : "Bearer, ApiKey";
            }

            await ProblemAsync(context, status, status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden", refusal!);
            return;
        }

        if (!caller.Has(access.Permission))
        {
            await ProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"'{caller.Name}' may not {(access.Permission.HasFlag(StaffPermission.Write) ? "write (upload or delete documents)" : "read")}.");
            return;
        }

        context.Items[typeof(StaffCaller)] = caller;
        await next(context);
    }

    private async Task<(StaffCaller? Caller, int Status, string? Refusal)> AuthenticateAsync(HttpContext context)
    {
        if (!options.AnyAuthenticationConfigured)
        {
            return IsLoopback(context.Connection)
                ? (StaffCaller.Loopback, 0, null)
                : (null, StatusCodes.Status403Forbidden,
                    "No Api:Keys and no Api:Entra are configured, so the staff API answers only callers on this machine (loopback).");
        }

        var key = context.Request.Headers[ApiKeyHeader].ToString();
        var bearer = Bearer(context.Request.Headers[HeaderNames.Authorization].ToString());
        if (key.Length > 0)
        {
            if (!keys.Enabled)
            {
                return (null, StatusCodes.Status401Unauthorized, "API keys are not configured on this server; use an Entra ID bearer token.");
            }

            var (caller, refusal) = keys.Authenticate(key);
            return (caller, StatusCodes.Status401Unauthorized, refusal);
        }

        if (bearer is null)
        {
            return (null, StatusCodes.Status401Unauthorized, $"Send an API key in the {ApiKeyHeader} header or as 'Authorization: Bearer <key>'{(_entra is null ? "" : ", or an Entra ID bearer token")}.");
        }

        if (keys.Enabled)
        {
            var (caller, refusal) = keys.Authenticate(bearer);
            if (caller is not null || _entra is null || refusal is not null && !LooksLikeJwt(bearer))
            {
                return (caller, StatusCodes.Status401Unauthorized, refusal);
            }
        }

        if (_entra is null)
        {
            return (null, StatusCodes.Status401Unauthorized, "The API key is not valid.");
        }

        var (entraCaller, entraRefusal, forbidden) = await _entra.ValidateAsync(bearer, context.RequestAborted);
        return (entraCaller, forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, entraRefusal);
    }

    private static string? Bearer(string authorization)
    {
        var parts = authorization.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
    }

    private static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    private static bool IsLoopback(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
