using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings.Evaluation;

/// <summary>
/// A reference-free summary measure (Louis and Nenkova, 2013): the Jensen–Shannon divergence, in bits (0…1), between
/// the content-word distributions of the summary and of its source. Lower means the summary better reflects what the
/// source is about. Stop words are removed and words lightly stemmed; the summary is smoothed towards the source.
/// </summary>
public static class SourceDivergence
{
    private const double Smoothing = 0.0005;

    public static double JensenShannon(string summary, string source)
    {
        var p = Distribution(summary);
        var q = Distribution(source);
        var vocabulary = p.Keys.Union(q.Keys).ToList();
        var pTotal = p.Values.Sum() + Smoothing * vocabulary.Count;
        var qTotal = q.Values.Sum() + Smoothing * vocabulary.Count;
        double divergence = 0;
        foreach (var word in vocabulary)
        {
            var pw = (p.GetValueOrDefault(word) + Smoothing) / pTotal;
            var qw = (q.GetValueOrDefault(word) + Smoothing) / qTotal;
            var m = (pw + qw) / 2;
            divergence += 0.5 * pw * Math.Log2(pw / m) + 0.5 * qw * Math.Log2(qw / m);
        }

        return divergence;
    }

    private static Dictionary<string, double> Distribution(string text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in QueryTerms.Words(text).Where(w => !QueryTerms.IsStopWord(w)))
        {
            var stem = Stemmer.Stem(word);
            counts[stem] = counts.GetValueOrDefault(stem) + 1;
        }

        return counts;
    }
}
