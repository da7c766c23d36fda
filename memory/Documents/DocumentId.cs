using System.Security.Cryptography;
using System.Text;

namespace BriefingBot.Memory.Documents;

/// <summary>
/// Document ids: letters, digits, <c>.</c>, <c>_</c> and <c>-</c> (Kernel Memory's rule), at most 200 characters.
/// Ids derived from a source are stable: the same path or text always gives the same id.
/// </summary>
public static class DocumentId
{
    public const int MaxLength = 200;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static string Validate(string id) => IsValid(id)
        ? id
        : throw new ArgumentException(
            $"Invalid document id '{id}': use 1-{MaxLength} letters, digits, '.', '_' or '-'.", nameof(id));

    /// <summary>An id from a relative file path: "europe/Talks 2021.pdf" becomes "europe-talks-2021".</summary>
    public static string FromPath(string relativePath)
    {
        var withoutExtension = Path.ChangeExtension(relativePath, null) ?? relativePath;
        var slug = Slug(withoutExtension);
        return slug.Length > 0 ? slug : "doc-" + Hash(relativePath);
    }

    /// <summary>
    /// An id from a web address, readable and unique: "https://www.news.example/2026/talks-resume?p=2" becomes
    /// "news.example-2026-talks-resume-p-2-" and eight hex digits of the address's hash. The fragment is ignored.
    /// </summary>
    public static string FromUrl(Uri url)
    {
        var address = url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
        var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
        var readable = Slug(host + url.PathAndQuery);
        var suffix = Hash(address)[..8];
        readable = readable.Length > MaxLength - 9 ? readable[..(MaxLength - 9)].TrimEnd('-', '.') : readable;
        return (readable.Length > 0 ? readable + "-" : "url-") + suffix;
    }

    /// <summary>An id from raw text with no source: "text-" and a hash of the content.</summary>
    public static string FromContent(string text) => "text-" + Hash(text);

    private static string Slug(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-', '.');
        return slug.Length > MaxLength ? slug[..(MaxLength - 9)] + "-" + Hash(value)[..8] : slug;
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];
}
