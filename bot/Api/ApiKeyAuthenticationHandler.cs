using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BriefingBot.Bot.Api;

/// <summary>The API-key scheme: a key from <c>Api:Keys</c> in <c>X-Api-Key</c> or as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, ApiOptions options, ApiKeyAuthenticator keys)
    : StaffAuthenticationHandler(schemeOptions, logger, encoder, options)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[StaffAuthentication.ApiKeyHeader].ToString();
        var key = header.Length > 0 ? header : StaffAuthentication.Bearer(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.Enabled)
        {
            return Task.FromResult(AuthenticateResult.Fail(header.Length > 0
                ? "API keys are not configured on this server; use an Entra ID bearer token."
                : "The API key is not valid."));
        }

        var (caller, refusal) = keys.Authenticate(key);
        return Task.FromResult(caller is null ? AuthenticateResult.Fail(refusal!) : Success(caller));
    }
}
