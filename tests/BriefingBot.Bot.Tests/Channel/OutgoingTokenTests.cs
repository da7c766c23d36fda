using System.Security.Cryptography.X509Certificates;
using BriefingBot.Bot.Channel;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Channel;

/// <summary>The bot's client-credentials token from a local token endpoint: certificate assertion, authorities, caching.</summary>
public sealed class OutgoingTokenTests : IAsyncLifetime
{
    private LocalIssuer _issuer = null!;

    public async ValueTask InitializeAsync() => _issuer = await LocalIssuer.StartAsync();

    public async ValueTask DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task Acquire_CertificateCredential_SignedAssertionAccepted()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"briefingbot-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, _issuer.Certificate.Export(X509ContentType.Pfx, "pfx-password"), TestContext.Current.CancellationToken);
        try
        {
            var options = new BotOptions
            {
                MicrosoftAppId = _issuer.AppId,
                MicrosoftAppCertificatePath = pfx,
                MicrosoftAppCertificatePassword = "pfx-password",
                MicrosoftAppType = BotAppType.SingleTenant,
                MicrosoftAppTenantId = Guid.NewGuid().ToString(),
                TokenEndpoint = _issuer.TokenEndpoint,
            };
            Assert.Empty(options.Validate());
            using var http = new HttpClient();

            var token = await new ClientCredentialsTokenAcquirer(options, http, TimeProvider.System).AcquireAsync(TestContext.Current.CancellationToken);

            Assert.StartsWith("bot-token-", token.Value);
            Assert.False(_issuer.TokenRequests.Single().ContainsKey("client_secret"));
            Assert.InRange(token.ExpiresOn - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Acquire_WrongSecret_FailsWithTheEndpointsAnswer()
    {
        var options = new BotOptions { MicrosoftAppId = _issuer.AppId, MicrosoftAppPassword = "wrong", TokenEndpoint = _issuer.TokenEndpoint };
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<TokenAcquisitionException>(() => new ClientCredentialsTokenAcquirer(options, http, TimeProvider.System).AcquireAsync(TestContext.Current.CancellationToken));

        Assert.Contains("401", error.Message);
        Assert.Single(_issuer.TokenRequests);
    }

    [Fact]
    public async Task GetToken_Cached_OneRequestUntilForcedRefresh()
    {
        var options = new BotOptions { MicrosoftAppId = _issuer.AppId, MicrosoftAppPassword = LocalIssuer.Secret, TokenEndpoint = _issuer.TokenEndpoint };
        using var http = new HttpClient();
        var provider = new CachedTokenProvider(new ClientCredentialsTokenAcquirer(options, http, TimeProvider.System), TimeProvider.System);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetTokenAsync(false, TestContext.Current.CancellationToken)));
        var refreshed = await provider.GetTokenAsync(true, TestContext.Current.CancellationToken);

        Assert.Single(tokens.Distinct());
        Assert.NotEqual(tokens[0], refreshed);
        Assert.Equal(2, _issuer.Issued);
    }

    [Theory]
    [InlineData(BotAppType.MultiTenant, null, "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")]
    [InlineData(BotAppType.SingleTenant, "0f1e2d3c-0000-4000-8000-000000000001", "https://login.microsoftonline.com/0f1e2d3c-0000-4000-8000-000000000001/oauth2/v2.0/token")]
    public void ResolvedTokenEndpoint_AppType_TheRightAuthority(BotAppType type, string? tenant, string expected)
    {
        var options = new BotOptions { MicrosoftAppId = Guid.NewGuid().ToString(), MicrosoftAppPassword = "s", MicrosoftAppType = type, MicrosoftAppTenantId = tenant };

        Assert.Equal(expected, options.ResolvedTokenEndpoint);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(BotAppType.SingleTenant, "secret", null, "needs Bot:MicrosoftAppTenantId")]
    [InlineData(BotAppType.MultiTenant, null, null, "needs Bot:MicrosoftAppPassword")]
    [InlineData(BotAppType.UserAssignedMSI, "secret", "t", "takes no password")]
    public void Validate_IncompleteRegistration_NamesTheMissingSetting(BotAppType type, string? password, string? tenant, string problem)
    {
        var options = new BotOptions { MicrosoftAppId = Guid.NewGuid().ToString(), MicrosoftAppPassword = password, MicrosoftAppType = type, MicrosoftAppTenantId = tenant };

        Assert.Contains(options.Validate(), p => p.Contains(problem, StringComparison.Ordinal));
    }
}
