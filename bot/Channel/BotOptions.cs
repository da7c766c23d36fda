namespace BriefingBot.Bot.Channel;

/// <summary>The Bot Framework channel settings (section <c>Bot</c>).</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>The Azure Bot's app id (the managed identity's client id for <c>UserAssignedMSI</c>). Empty: anonymous local mode.</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>A PFX or PEM certificate file used instead of the password.</summary>
    public string? MicrosoftAppCertificatePath { get; set; }

    /// <summary>The PFX password, or the PEM file holding the private key.</summary>
    public string? MicrosoftAppCertificatePassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;

    /// <summary>Accept anonymous requests (no app id) even when bound to a non-loopback address.</summary>
    public bool AllowAnonymousOnPublicAddress { get; set; }

    /// <summary>OpenID metadata of the Bot Framework channels' tokens.</summary>
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of the channels' tokens.</summary>
    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>OpenID metadata of the Microsoft identity platform (Emulator and skill tokens).</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where outgoing tokens come from; default the Microsoft identity platform's v2 endpoint of the tenant.</summary>
    public string? TokenEndpoint { get; set; }

    public string LoginHost { get; set; } = "https://login.microsoftonline.com";

    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Managed identity endpoint; default <c>IDENTITY_ENDPOINT</c> or the VM metadata endpoint.</summary>
    public string? ManagedIdentityEndpoint { get; set; }

    /// <summary>Retries of a Connector call answered 429, 412 or 5xx. Default 3.</summary>
    public int ConnectorRetries { get; set; } = 3;

    /// <summary>Longest wait before one retry, whatever <c>Retry-After</c> says. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest activity accepted, in bytes. Default 512 KB.</summary>
    public int MaxActivityBytes { get; set; } = 512 * 1024;

    /// <summary>Turns handled at once. Default 4.</summary>
    public int Concurrency { get; set; } = 4;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public string TenantOrDefault => string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? "botframework.com" : MicrosoftAppTenantId;

    public string ResolvedTokenEndpoint => TokenEndpoint is { Length: > 0 } endpoint
        ? endpoint
        : $"{LoginHost.TrimEnd('/')}/{(MicrosoftAppType == BotAppType.SingleTenant ? MicrosoftAppTenantId : TenantOrDefault)}/oauth2/v2.0/token";

    /// <summary>The configuration problems, empty when the settings can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!AuthenticationEnabled)
        {
            return problems;
        }

        var hasPassword = !string.IsNullOrEmpty(MicrosoftAppPassword);
        var hasCertificate = !string.IsNullOrEmpty(MicrosoftAppCertificatePath);
        switch (MicrosoftAppType)
        {
            case BotAppType.UserAssignedMSI:
                if (hasPassword || hasCertificate)
                {
                    problems.Add("Bot:MicrosoftAppType UserAssignedMSI takes no password or certificate.");
                }

                if (string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
                {
                    problems.Add("Bot:MicrosoftAppType UserAssignedMSI needs Bot:MicrosoftAppTenantId.");
                }

                break;
            default:
                if (!hasPassword && !hasCertificate)
                {
                    problems.Add("Bot:MicrosoftAppId needs Bot:MicrosoftAppPassword or Bot:MicrosoftAppCertificatePath.");
                }

                if (hasCertificate && !File.Exists(MicrosoftAppCertificatePath))
                {
                    problems.Add($"Bot:MicrosoftAppCertificatePath '{MicrosoftAppCertificatePath}' does not exist.");
                }

                if (MicrosoftAppType == BotAppType.SingleTenant && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
                {
                    problems.Add("Bot:MicrosoftAppType SingleTenant needs Bot:MicrosoftAppTenantId.");
                }

                break;
        }

        foreach (var (name, url) in new[] { ("ChannelOpenIdMetadataUrl", ChannelOpenIdMetadataUrl), ("EmulatorOpenIdMetadataUrl", EmulatorOpenIdMetadataUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                problems.Add($"Bot:{name} '{url}' is not an absolute URL.");
            }
        }

        return problems;
    }
}
