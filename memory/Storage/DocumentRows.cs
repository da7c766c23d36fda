using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using BriefingBot.Memory.Documents;

namespace BriefingBot.Memory.Storage;

/// <summary>The <c>documents</c> table's columns as every store selects them, and a row read back as a <see cref="DocumentInfo"/>.</summary>
internal static class DocumentRows
{
    public const string Columns = "id, title, source, published, content_type, tags, content_hash, chunk_count, token_count, updated";

    public static DocumentInfo Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Title = reader.GetString(1),
        Source = reader.IsDBNull(2) ? null : reader.GetString(2),
        Published = reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        ContentType = reader.GetString(4),
        Tags = JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(reader.GetString(5)) ?? [],
        ContentHash = reader.GetString(6),
        ChunkCount = reader.GetInt32(7),
        TokenCount = reader.GetInt32(8),
        Updated = DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
    };
}
