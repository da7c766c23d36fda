using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Ingestion.Chunking;

/// <summary>
/// Packs whole sentences into chunks of at most <see cref="ChunkingOptions.MaxTokens"/> model tokens, preferring to
/// end a chunk where a paragraph ends, and repeats the last sentences of a chunk (up to
/// <see cref="ChunkingOptions.OverlapTokens"/>) at the start of the next. A sentence too long for one chunk is cut
/// between words. Token counts come from the embedding model's tokenizer, so nothing is truncated when embedded.
/// </summary>
public sealed class SentenceChunker(ITokenCounter tokens, ChunkingOptions options)
{
    public IReadOnlyList<TextChunk> Chunk(string text)
    {
        var units = Units(text);
        var chunks = new List<TextChunk>();
        var first = 0;
        while (first < units.Count)
        {
            var last = first;
            var count = units[first].Tokens;
            while (last + 1 < units.Count && count + units[last + 1].Tokens <= options.MaxTokens)
            {
                last++;
                count += units[last].Tokens;
            }

            last = PreferParagraphEnd(text, units, first, last);
            var span = new TextSpan(units[first].Span.Start, units[last].Span.End);
            chunks.Add(new TextChunk(chunks.Count, span, span.Of(text), Sum(units, first, last)));
            if (last + 1 >= units.Count)
            {
                break;
            }

            var next = last + 1;
            var overlap = 0;
            while (next - 1 > first && overlap + units[next - 1].Tokens <= options.OverlapTokens)
            {
                next--;
                overlap += units[next].Tokens;
            }

            first = next;
        }

        return chunks;
    }

    /// <summary>Ends the chunk at the last paragraph break in its second half, when there is one.</summary>
    private int PreferParagraphEnd(string text, List<Unit> units, int first, int last)
    {
        if (last + 1 >= units.Count)
        {
            return last;
        }

        var total = Sum(units, first, last);
        var running = 0;
        var best = last;
        for (var i = first; i < last; i++)
        {
            running += units[i].Tokens;
            if (running * 2 >= total && EndsParagraph(text, units[i].Span.End))
            {
                best = i;
            }
        }

        return EndsParagraph(text, units[last].Span.End) ? last : best;
    }

    private static bool EndsParagraph(string text, int end) =>
        end >= text.Length || text.AsSpan(end).StartsWith("\n\n");

    private static int Sum(List<Unit> units, int first, int last)
    {
        var sum = 0;
        for (var i = first; i <= last; i++)
        {
            sum += units[i].Tokens;
        }

        return sum;
    }

    private List<Unit> Units(string text)
    {
        var units = new List<Unit>();
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var count = tokens.CountTokens(sentence.Of(text));
            if (count <= options.MaxTokens)
            {
                units.Add(new Unit(sentence, count));
            }
            else
            {
                SplitLongSentence(text, sentence, units);
            }
        }

        return units;
    }

    /// <summary>Cuts an over-long sentence between words into pieces that each fit in a chunk.</summary>
    private void SplitLongSentence(string text, TextSpan sentence, List<Unit> units)
    {
        var start = sentence.Start;
        var pieceTokens = 0;
        var position = sentence.Start;
        while (position < sentence.End)
        {
            var wordEnd = position;
            while (wordEnd < sentence.End && !char.IsWhiteSpace(text[wordEnd]))
            {
                wordEnd++;
            }

            var wordTokens = tokens.CountTokens(text[position..wordEnd]);
            if (pieceTokens > 0 && pieceTokens + wordTokens > options.MaxTokens)
            {
                units.Add(new Unit(Trimmed(text, start, position), pieceTokens));
                start = position;
                pieceTokens = 0;
            }

            if (wordTokens > options.MaxTokens)
            {
                // One "word" longer than a chunk (a URL, a run of symbols): cut it by characters.
                var cut = position;
                while (cut < wordEnd)
                {
                    var take = Math.Min(wordEnd - cut, options.MaxTokens);
                    while (take > 1 && tokens.CountTokens(text.Substring(cut, take)) > options.MaxTokens)
                    {
                        take /= 2;
                    }

                    units.Add(new Unit(new TextSpan(cut, cut + take), tokens.CountTokens(text.Substring(cut, take))));
                    cut += take;
                }

                start = wordEnd;
            }
            else
            {
                pieceTokens += wordTokens;
            }

            position = wordEnd;
            while (position < sentence.End && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        if (pieceTokens > 0)
        {
            units.Add(new Unit(Trimmed(text, start, sentence.End), pieceTokens));
        }
    }

    private static TextSpan Trimmed(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new TextSpan(start, end);
    }

    private readonly record struct Unit(TextSpan Span, int Tokens);
}
