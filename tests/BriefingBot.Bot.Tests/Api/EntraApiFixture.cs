using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>A local Entra-style issuer on loopback and a bot server accepting its tokens for the staff API.</summary>
public sealed class EntraApiFixture : IAsyncLifetime
{
    public const string Tenant = "8d2f0d2e-1111-4c4c-9a9a-5f5f5f5f5f5f";
    public const string Audience = "api://briefingbot-staff";

    public static string IssuerName => $"https://login.microsoftonline.com/{Tenant}/v2.0";

    public LocalIssuer Issuer { get; private set; } = null!;

    public TestBotHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Issuer = await LocalIssuer.StartAsync();
        Host = await TestBotHost.StartAsync(new Dictionary<string, string>
        {
            ["Api:Entra:TenantId"] = Tenant,
            ["Api:Entra:MetadataUrl"] = Issuer.EntraMetadataUrl,
            ["Api:Entra:Audiences:0"] = Audience,
            ["Api:Entra:RoleScopes:Europe.Desk:desk:0"] = "europe",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
