using System.Buffers.Text;
using System.Text;

namespace BriefingBot.Bot.Api;

/// <summary>The opaque cursor of a document listing: where the next page starts.</summary>
public static class DocumentCursor
{
    private const string Prefix = "docs:";

    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + offset));

    /// <summary>The offset, or null when the cursor was not made by <see cref="Encode"/>.</summary>
    public static int? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text[Prefix.Length..], out var offset) && offset >= 0 ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
