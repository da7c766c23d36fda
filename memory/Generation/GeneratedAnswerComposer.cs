using BriefingBot.Memory.Answering;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Turns checked sentences into an <see cref="Answer"/>: only the facts actually cited are kept, renumbered densely in
/// order of first use, each <c>[n]</c> after its sentence; each citation quotes the passage sentence that best supports
/// the first sentence citing it. Unsupported sentences are removed or, when flagged, kept without markers.
/// </summary>
public static class GeneratedAnswerComposer
{
    public const string Mode = "generative";

    /// <summary>The answer, or null when no sentence is supported.</summary>
    public static Answer? Compose(string question, IReadOnlyList<SupportedSentence> sentences, UnsupportedSentences handling)
    {
        if (!sentences.Any(s => s.IsSupported))
        {
            return null;
        }

        var numbers = new Dictionary<int, int>();
        var citations = new List<Citation>();
        var parts = new List<string>();
        var unsupported = new List<string>();
        foreach (var sentence in sentences)
        {
            if (!sentence.IsSupported)
            {
                if (handling == UnsupportedSentences.Flag)
                {
                    parts.Add(sentence.Text);
                    unsupported.Add(sentence.Text);
                }

                continue;
            }

            var markers = new List<int>();
            foreach (var support in sentence.Support.OrderBy(s => s.Fact.N))
            {
                if (!numbers.TryGetValue(support.Fact.N, out var n))
                {
                    n = numbers[support.Fact.N] = citations.Count + 1;
                    citations.Add(Cite(n, support));
                }

                if (!markers.Contains(n))
                {
                    markers.Add(n);
                }
            }

            parts.Add(sentence.Text + " " + string.Concat(markers.Order().Select(n => $"[{n}]")));
        }

        return new Answer
        {
            Question = question,
            Text = string.Join(" ", parts),
            NoResult = false,
            Citations = citations,
            Mode = Mode,
            Unsupported = unsupported,
        };
    }

    private static Citation Cite(int n, SentenceSupport support)
    {
        var hit = support.Fact.Hit;
        return new Citation
        {
            N = n,
            DocumentId = hit.Document.Id,
            Title = hit.Document.Title,
            Source = hit.Document.Source,
            Published = hit.Document.Published,
            Chunk = hit.Chunk.Number,
            Text = hit.Chunk.Text,
            Quote = support.QuoteText,
            Start = support.Quote.Start,
            End = support.Quote.End,
            Relevance = hit.Relevance,
        };
    }
}
