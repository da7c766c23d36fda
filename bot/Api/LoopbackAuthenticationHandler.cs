using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BriefingBot.Bot.Api;

/// <summary>
/// The scheme used while neither <c>Api:Keys</c> nor <c>Api:Entra</c> is configured: a caller on loopback is
/// <see cref="StaffCaller.Loopback"/> with full access; any other caller is refused with a 403 problem.
/// </summary>
public sealed class LoopbackAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, ApiOptions options)
    : StaffAuthenticationHandler(schemeOptions, logger, encoder, options)
{
    private const string Refusal = "No Api:Keys and no Api:Entra are configured, so the staff API answers only callers on this machine (loopback).";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(
        Context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            ? Success(StaffCaller.Loopback)
            : AuthenticateResult.Fail(Refusal));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        StaffProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, Refusal);
}
