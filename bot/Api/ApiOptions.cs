namespace BriefingBot.Bot.Api;

/// <summary>The staff and integration API's settings (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>API keys, stored as SHA-256 hashes; generate one with <c>bot api-key NAME</c>.</summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>Entra ID (Azure AD) bearer tokens; off while neither an authority nor a tenant is set.</summary>
    public EntraApiOptions Entra { get; set; } = new();

    /// <summary>The largest JSON body accepted (ask, search, JSON uploads); larger requests get a 413 problem.</summary>
    public long MaxJsonBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest upload accepted (all files of one multipart request together).</summary>
    public long MaxUploadBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>JSON uploads whose texts together are at most this many characters are ingested at once (201); larger ones become jobs (202).</summary>
    public int InlineIngestMaxChars { get; set; } = 200_000;

    /// <summary>Documents per page when listing, unless <c>limit</c> asks for fewer (at most <see cref="MaxPageSize"/>).</summary>
    public int DefaultPageSize { get; set; } = 50;

    public int MaxPageSize { get; set; } = 500;

    public bool AnyAuthenticationConfigured => Keys.Count > 0 || Entra.Enabled;
}
