namespace BriefingBot.Bot.Tests.Support;

/// <summary>A local issuer and a bot server registered with it (app id, secret, metadata and token endpoint on loopback).</summary>
public sealed class AuthenticatedBotFixture : IAsyncLifetime
{
    public LocalIssuer Issuer { get; private set; } = null!;

    public TestBotHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Issuer = await LocalIssuer.StartAsync();
        Host = await TestBotHost.StartAsync(new Dictionary<string, string>
        {
            ["Bot:MicrosoftAppId"] = Issuer.AppId,
            ["Bot:MicrosoftAppPassword"] = LocalIssuer.Secret,
            ["Bot:MicrosoftAppType"] = "MultiTenant",
            ["Bot:ChannelOpenIdMetadataUrl"] = Issuer.ChannelMetadataUrl,
            ["Bot:EmulatorOpenIdMetadataUrl"] = Issuer.EntraMetadataUrl,
            ["Bot:TokenEndpoint"] = Issuer.TokenEndpoint,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
