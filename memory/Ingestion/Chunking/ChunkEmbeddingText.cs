using System.Text;
using BriefingBot.Memory.Embedding;

namespace BriefingBot.Memory.Ingestion.Chunking;

/// <summary>
/// What is embedded for a chunk: the document's title (cut to <see cref="ChunkingOptions.MaxTitleTokens"/>) on its own
/// line, then the chunk text. The title gives short passages their context ("Frost hits vineyards" + a sentence).
/// </summary>
public sealed class ChunkEmbeddingText(ITokenCounter tokens, ChunkingOptions options)
{
    public string TitleLine(string title)
    {
        var kept = new StringBuilder();
        var count = 0;
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wordTokens = tokens.CountTokens(word);
            if (count + wordTokens > options.MaxTitleTokens)
            {
                break;
            }

            kept.Append(kept.Length > 0 ? " " : "").Append(word);
            count += wordTokens;
        }

        return kept.Length > 0 ? kept + "\n" : "";
    }

    public string For(string title, string chunkText) => TitleLine(title) + chunkText;
}
