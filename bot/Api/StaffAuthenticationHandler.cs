using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BriefingBot.Bot.Api;

/// <summary>
/// A staff API scheme: authenticates a <see cref="StaffCaller"/> and answers a challenge with a 401 problem whose
/// detail says why the credentials were refused, naming the schemes in <c>WWW-Authenticate</c>.
/// </summary>
public abstract class StaffAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, ApiOptions options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected ApiOptions ApiOptions { get; } = options;

    /// <summary>The detail of a 401 when no credentials were sent.</summary>
    protected string NoCredentials =>
        $"Send an API key in the {StaffAuthentication.ApiKeyHeader} header or as 'Authorization: Bearer <key>'{(ApiOptions.Entra.Enabled ? ", or an Entra ID bearer token" : "")}.";

    protected AuthenticateResult Success(StaffCaller caller) => AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(Scheme.Name), Scheme.Name));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = StaffAuthentication.Challenge(ApiOptions);
        await StaffProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, result.Failure?.Message ?? NoCredentials);
    }
}
