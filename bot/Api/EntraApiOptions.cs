namespace BriefingBot.Bot.Api;

/// <summary>
/// Entra ID bearer tokens for the staff API: the authority (or <see cref="Instance"/> + <see cref="TenantId"/>) whose
/// OpenID metadata publishes the signing keys, the audience (the API's app id URI or client id), the accepted issuers
/// (the tenant's v1 and v2 issuers when empty), the app roles granting read and write, and the tag scope each role
/// confers.
/// </summary>
public sealed class EntraApiOptions
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string TenantId { get; set; } = "";

    /// <summary>Overrides <see cref="Instance"/> + <see cref="TenantId"/>, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string Authority { get; set; } = "";

    /// <summary>Overrides the metadata URL derived from the authority.</summary>
    public string MetadataUrl { get; set; } = "";

    /// <summary>Accepted <c>aud</c> values (the app id URI and/or the client id).</summary>
    public List<string> Audiences { get; set; } = [];

    public List<string> Issuers { get; set; } = [];

    public const string DefaultReadRole = "Briefing.Read";
    public const string DefaultWriteRole = "Documents.Write";

    /// <summary>App roles granting read; <see cref="DefaultReadRole"/> when empty.</summary>
    public List<string> ReadRoles { get; set; } = [];

    /// <summary>App roles granting write; <see cref="DefaultWriteRole"/> when empty.</summary>
    public List<string> WriteRoles { get; set; } = [];

    public IReadOnlyList<string> EffectiveReadRoles => ReadRoles.Count > 0 ? ReadRoles : [DefaultReadRole];

    public IReadOnlyList<string> EffectiveWriteRoles => WriteRoles.Count > 0 ? WriteRoles : [DefaultWriteRole];

    /// <summary>Role → tag scope; a caller holding scoped roles sees the union of their scopes, one holding none sees everything its roles allow.</summary>
    public Dictionary<string, Dictionary<string, List<string>>> RoleScopes { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(TenantId) || !string.IsNullOrWhiteSpace(MetadataUrl);

    public string EffectiveAuthority => !string.IsNullOrWhiteSpace(Authority)
        ? Authority.TrimEnd('/')
        : $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";

    public string EffectiveMetadataUrl => !string.IsNullOrWhiteSpace(MetadataUrl)
        ? MetadataUrl
        : EffectiveAuthority + "/.well-known/openid-configuration";

    public IReadOnlyList<string> EffectiveIssuers()
    {
        if (Issuers.Count > 0)
        {
            return Issuers;
        }

        var issuers = new List<string> { EffectiveAuthority };
        if (!string.IsNullOrWhiteSpace(TenantId))
        {
            issuers.Add($"https://sts.windows.net/{TenantId}/");
            issuers.Add($"{Instance.TrimEnd('/')}/{TenantId}/v2.0");
        }

        return issuers.Distinct(StringComparer.Ordinal).ToList();
    }
}
