using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BriefingBot.Bot.Api;

/// <summary>The Entra ID bearer scheme: an access token checked by <see cref="EntraTokenValidator"/>.</summary>
public sealed class EntraAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, ApiOptions options, EntraTokenValidator validator)
    : StaffAuthenticationHandler(schemeOptions, logger, encoder, options)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (StaffAuthentication.Bearer(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var (caller, refusal) = await validator.ValidateAsync(token, Context.RequestAborted);
        return caller is null ? AuthenticateResult.Fail(refusal!) : Success(caller);
    }
}
