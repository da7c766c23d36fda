using System.Text;

namespace BriefingBot.Evaluation.Metrics;

/// <summary>
/// SQuAD-style answer matching: lower case, punctuation and the articles a/an/the removed, whitespace collapsed;
/// token F1 over the normalised words.
/// </summary>
internal static class TextMatch
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("a" or "an" or "the")));
    }

    /// <summary>Whether <paramref name="needle"/> occurs in <paramref name="haystack"/> as whole normalised words.</summary>
    public static bool Contains(string haystack, string needle)
    {
        var n = Normalize(needle);
        return n.Length > 0 && (" " + Normalize(haystack) + " ").Contains(" " + n + " ", StringComparison.Ordinal);
    }

    public static double TokenF1(string prediction, string gold)
    {
        var predicted = Normalize(prediction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = Normalize(gold).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (predicted.Length == 0 || expected.Length == 0)
        {
            return predicted.Length == expected.Length ? 1 : 0;
        }

        var counts = expected.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var common = 0;
        foreach (var word in predicted)
        {
            if (counts.TryGetValue(word, out var left) && left > 0)
            {
                counts[word] = left - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / predicted.Length;
        var recall = (double)common / expected.Length;
        return 2 * precision * recall / (precision + recall);
    }
}
