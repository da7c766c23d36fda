using System.Numerics.Tensors;
using BriefingBot.Memory.Language;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Chooses key-point sentences without a model: each candidate sentence is embedded (as a passage) and scored by its
/// centrality (cosine to the centroid of its document's sentences), its earliness in the document (news leads with what
/// matters most) and, for a topic, its similarity to the topic (compared across all documents, so a document that is
/// only loosely on the topic does not get a point by being central to itself). Maximal marginal relevance then picks the most important
/// sentence not already said, across all documents, so two articles reporting the same fact give one point.
/// </summary>
internal sealed class KeyPointSelector(IEmbeddingGenerator<string, Embedding<float>> embedder, BriefingOptions options)
{
    private const int MinWords = 6;
    private const int MaxWords = 80;

    /// <param name="sources">The documents.</param>
    /// <param name="topic">The topic's query vector, or empty.</param>
    /// <param name="count">How many to pick; null chooses by length within the options' bounds.</param>
    public async Task<List<SelectedSentence>> SelectAsync(
        IReadOnlyList<BriefingSource> sources, ReadOnlyMemory<float> topic, int? count, CancellationToken cancellationToken)
    {
        var candidates = Candidates(sources);
        if (candidates.Count == 0)
        {
            return [];
        }

        var embeddings = await embedder.GenerateAsync(candidates.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
        var vectors = embeddings.Select(e => Normalised(e.Vector)).ToList();
        var scores = Scores(candidates, vectors, topic);
        var k = Math.Min(candidates.Count, count ?? Math.Clamp((int)Math.Ceiling(candidates.Count / 5.0), options.MinKeyPoints, options.MaxKeyPoints));

        var selected = new List<int>();
        var remaining = Enumerable.Range(0, candidates.Count).ToList();
        while (selected.Count < k && remaining.Count > 0)
        {
            var best = -1;
            var bestValue = float.NegativeInfinity;
            foreach (var i in remaining)
            {
                var redundancy = selected.Count == 0 ? 0 : selected.Max(s => TensorPrimitives.Dot(vectors[i], vectors[s]));
                if (redundancy >= options.DuplicateSimilarity)
                {
                    continue;
                }

                var value = options.Diversity * scores[i] - (1 - options.Diversity) * redundancy;
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            selected.Add(best);
            remaining.Remove(best);
        }

        return selected.Select(i => new SelectedSentence(candidates[i].Source, candidates[i].Span, candidates[i].Text, scores[i], vectors[i])).ToList();
    }

    private float[] Scores(List<Candidate> candidates, List<float[]> vectors, ReadOnlyMemory<float> topic)
    {
        var scores = new float[candidates.Count];
        var relevance = topic.IsEmpty ? null : Rescaled(vectors.Select(v => TensorPrimitives.Dot(v, topic.Span)).ToList());
        foreach (var group in Enumerable.Range(0, candidates.Count).GroupBy(i => candidates[i].Source))
        {
            var members = group.ToList();
            var centroid = new float[vectors[0].Length];
            foreach (var i in members)
            {
                TensorPrimitives.Add(centroid, vectors[i], centroid);
            }

            centroid = Normalised(centroid);
            var centrality = Rescaled(members.Select(i => TensorPrimitives.Dot(vectors[i], centroid)).ToList());
            for (var j = 0; j < members.Count; j++)
            {
                var candidate = candidates[members[j]];
                var lead = 1f / MathF.Sqrt(1 + candidate.Position);
                var importance = (centrality[j] + options.LeadWeight * lead) / (1 + options.LeadWeight);
                scores[members[j]] = relevance is null ? importance : 0.5f * importance + 0.5f * relevance[members[j]];
            }
        }

        return scores;
    }

    private List<Candidate> Candidates(IReadOnlyList<BriefingSource> sources)
    {
        var perSource = Math.Max(1, options.MaxCandidateSentences / Math.Max(1, sources.Count));
        var candidates = new List<Candidate>();
        for (var s = 0; s < sources.Count; s++)
        {
            var text = sources[s].Text;
            var title = sources[s].Document.Title.Trim();
            var position = 0;
            foreach (var span in WholeQuotations(text, SentenceSplitter.Split(text)))
            {
                var sentence = span.Of(text);
                var words = QueryTerms.Words(sentence).Count;
                if (sentence.Equals(title, StringComparison.OrdinalIgnoreCase) || words < MinWords || words > MaxWords || !EndsLikeSentence(sentence) || OpenQuotations(sentence) != 0
                    || IsBareQuotation(sentence))
                {
                    continue;
                }

                candidates.Add(new Candidate(s, span, sentence, position++));
                if (position >= perSource)
                {
                    break;
                }
            }
        }

        return candidates;
    }

    /// <summary>Joins sentences split inside a quotation, so a key point never opens a quotation it does not close.</summary>
    private static IEnumerable<TextSpan> WholeQuotations(string text, List<TextSpan> sentences)
    {
        TextSpan? pending = null;
        foreach (var sentence in sentences)
        {
            var span = pending is { } p && !text[p.End..sentence.Start].Contains('\n', StringComparison.Ordinal) ? new TextSpan(p.Start, sentence.End) : sentence;
            if (pending is { } earlier && span.Start != earlier.Start)
            {
                yield return earlier;
            }

            if (OpenQuotations(span.Of(text)) > 0)
            {
                pending = span;
                continue;
            }

            pending = null;
            yield return span;
        }

        if (pending is { } last)
        {
            yield return last;
        }
    }

    /// <summary>A sentence that is all quotation, with no one named as saying it: not a key point on its own.</summary>
    private static bool IsBareQuotation(string sentence) =>
        sentence[0] is '“' or '"' && sentence.TrimEnd('.', '!', '?').EndsWith('”') || sentence.TrimEnd('.', '!', '?').EndsWith('"') && sentence[0] == '"';

    private static int OpenQuotations(string sentence) =>
        sentence.Count(c => c == '“') - sentence.Count(c => c == '”') + sentence.Count(c => c == '"') % 2;

    private static bool EndsLikeSentence(string sentence) =>
        sentence.TrimEnd('"', '”', '’', '\'', ')', ']').EndsWith('.') || sentence.TrimEnd('"', '”', '’', '\'', ')').EndsWith('?') || sentence.TrimEnd('"', '”', '’', '\'', ')').EndsWith('!');

    private static List<float> Rescaled(List<float> values)
    {
        var min = values.Min();
        var max = values.Max();
        return values.Select(v => max - min < 1e-6f ? 1f : (v - min) / (max - min)).ToList();
    }

    private static float[] Normalised(ReadOnlyMemory<float> vector)
    {
        var copy = vector.ToArray();
        var norm = TensorPrimitives.Norm(copy);
        if (norm > 0)
        {
            TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }

    private sealed record Candidate(int Source, TextSpan Span, string Text, int Position);
}
