namespace BriefingBot.Memory.Briefings.Evaluation;

/// <summary>
/// ROUGE (Lin, 2004) as the reference <c>rouge-score</c> package computes it by default: text lower-cased, every
/// character other than a–z and 0–9 a separator, no stemming, no stop-word removal. ROUGE-N counts clipped n-gram
/// overlaps; ROUGE-L is the longest common subsequence of the two token sequences.
/// </summary>
public static class Rouge
{
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        var lower = text.ToLowerInvariant();
        for (var i = 0; i <= lower.Length; i++)
        {
            var c = i < lower.Length ? lower[i] : ' ';
            var keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep && start < 0)
            {
                start = i;
            }
            else if (!keep && start >= 0)
            {
                tokens.Add(lower[start..i]);
                start = -1;
            }
        }

        return tokens;
    }

    public static RougeScore N(string candidate, string reference, int n)
    {
        var c = NGrams(Tokenize(candidate), n);
        var r = NGrams(Tokenize(reference), n);
        var overlap = c.Sum(kv => Math.Min(kv.Value, r.GetValueOrDefault(kv.Key)));
        return RougeScore.From(overlap, c.Values.Sum(), r.Values.Sum());
    }

    public static RougeScore L(string candidate, string reference)
    {
        var c = Tokenize(candidate);
        var r = Tokenize(reference);
        return RougeScore.From(LongestCommonSubsequence(c, r), c.Count, r.Count);
    }

    public static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    private static Dictionary<string, int> NGrams(List<string> tokens, int n)
    {
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var key = string.Join(' ', tokens.Skip(i).Take(n));
            grams[key] = grams.GetValueOrDefault(key) + 1;
        }

        return grams;
    }
}
