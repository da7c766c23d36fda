using System.Globalization;
using System.Text;
using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The numbered facts of a grounded-answer prompt: retrieved passages, best first, each with its title, source and
/// date, as many as fit the token budget.
/// </summary>
public sealed class FactSheet
{
    private FactSheet(IReadOnlyList<Fact> facts) => Facts = facts;

    public IReadOnlyList<Fact> Facts { get; }

    public string Text => string.Join("\n\n", Facts.Select(f => f.Formatted));

    public static FactSheet Build(IEnumerable<SearchHit> hits, PromptTokenizer tokenizer, int budgetTokens)
    {
        var facts = new List<Fact>();
        var used = 0;
        foreach (var hit in hits)
        {
            var formatted = Format(facts.Count + 1, hit);
            var tokens = tokenizer.CountTokens(formatted) + 2;
            if (used + tokens > budgetTokens)
            {
                break;
            }

            used += tokens;
            facts.Add(new Fact(facts.Count + 1, hit, formatted));
        }

        return new FactSheet(facts);
    }

    public static string Format(int n, SearchHit hit)
    {
        var header = new StringBuilder().Append('[').Append(n).Append("] Title: ").Append(OneLine(hit.Document.Title));
        if (!string.IsNullOrWhiteSpace(hit.Document.Source))
        {
            header.Append(" | Source: ").Append(OneLine(hit.Document.Source));
        }

        if (hit.Document.Published is { } published)
        {
            header.Append(" | Date: ").Append(published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return header.Append('\n').Append(hit.Chunk.Text.Trim()).ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
