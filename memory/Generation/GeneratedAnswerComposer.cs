using System.Text.RegularExpressions;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Turns checked sentences into an <see cref="Answer"/>: only the facts actually cited are kept, renumbered densely in
/// order of first use, each <c>[n]</c> after its sentence; each citation quotes the passage sentence that best supports
/// the first sentence citing it. Unsupported sentences are removed or, when flagged, kept without markers.
/// </summary>
public static partial class GeneratedAnswerComposer
{
    public const string Mode = "generative";

    /// <summary>Said first when a yes/no question gets an answer without a supported verdict.</summary>
    public const string NoVerdict = "The sources don't say";

    /// <summary>
    /// The answer, or null when no sentence is supported. For a yes/no question the verdict leads ("Yes — …",
    /// "No — …") when the model gave one on a supported first sentence; otherwise the answer opens with
    /// <see cref="NoVerdict"/> and what the sources do say.
    /// </summary>
    public static Answer? Compose(
        string question, IReadOnlyList<SupportedSentence> sentences, UnsupportedSentences handling, bool yesNo = false, string? verdict = null)
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

        var text = string.Join(" ", parts);
        if (yesNo)
        {
            text = verdict is not null && sentences[0].IsSupported ? $"{verdict} — {text}" : $"{NoVerdict} yes or no; they say: {text}";
        }

        return new Answer
        {
            Question = question,
            Text = text,
            NoResult = false,
            Citations = citations,
            Mode = Mode,
            Unsupported = unsupported,
        };
    }

    /// <summary>"Yes — Russia wants …" → ("Yes", "Russia wants …"); a sentence without a verdict → (null, the sentence).</summary>
    public static (string? Verdict, string Remainder) SplitVerdict(string sentence)
    {
        var m = Verdict().Match(sentence);
        if (!m.Success)
        {
            return (null, sentence);
        }

        var rest = sentence[m.Length..].Trim();
        if (rest.Length > 0)
        {
            rest = char.ToUpperInvariant(rest[0]) + rest[1..];
        }

        return (char.ToUpperInvariant(m.Groups[1].Value[0]) + m.Groups[1].Value[1..].ToLowerInvariant(), rest.Trim('.', ' ').Length == 0 ? "" : rest);
    }

    [GeneratedRegex(@"^\s*(yes|no)\b\s*[—–\-,:;.!]+\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Verdict();

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
