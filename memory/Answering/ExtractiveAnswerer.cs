using System.Numerics.Tensors;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Language;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Answering;

/// <summary>
/// The embedded-default answer: no model writes anything; the answer quotes the sentences of the retrieved passages
/// that best answer the question, each followed by its <c>[n]</c> citation.
/// <list type="number">
/// <item>Abstain unless a passage is relevant enough: similar to the question, or holding enough of its key words
/// (IDF-weighted over the whole memory).</item>
/// <item>Score each sentence of the passages by the question words it contains (IDF-weighted, light stemming), its own
/// embedding similarity to the question, and its passage's relevance.</item>
/// <item>Select greedily with a redundancy penalty (maximal marginal relevance), so a question with several parts gets
/// the distinct parts rather than one fact said three ways.</item>
/// <item>A sentence whose speaker is only "she" or "he" brings the earlier sentence that names the speaker.</item>
/// </list>
/// </summary>
public sealed class ExtractiveAnswerer(IMemoryStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, AnswerOptions options)
{
    public const string Mode = "extractive";

    private const float Redundancy = 0.6f;

    /// <param name="alreadySaid">Sentences (normalised) not to quote again: "tell me more" gets the next-best ones.</param>
    public async Task<Answer> AnswerAsync(string question, SearchResult search, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null)
    {
        var hits = search.Hits.Take(options.Passages).ToList();
        if (hits.Count == 0)
        {
            return Answer.NotFound(question, options.NotFoundText, "No relevant memories available", Mode);
        }

        var weights = await TermWeightsAsync(question, cancellationToken).ConfigureAwait(false);
        var candidates = Candidates(hits, weights, alreadySaid);
        var topRelevance = hits.Max(h => h.Relevance);
        var bestCoverage = hits.Max(h => Coverage(Stems(h.Chunk.Text), weights));
        if (!options.IsAnswerable(topRelevance, bestCoverage) || candidates.Count == 0)
        {
            return Answer.NotFound(question, options.NotFoundText, "No passage answers the question", Mode) with
            {
                TopRelevance = topRelevance,
                Coverage = bestCoverage,
            };
        }

        if (options.SentenceEmbeddings && options.SemanticCandidates > 0 && !search.QueryVector.IsEmpty)
        {
            await ScoreSemanticallyAsync(candidates, search.QueryVector, cancellationToken).ConfigureAwait(false);
        }

        var selected = Select(candidates);
        var quoted = await WithSpeakersAsync(selected, cancellationToken).ConfigureAwait(false);
        return Compose(question, quoted, hits) with { TopRelevance = topRelevance, Coverage = bestCoverage };
    }

    private async Task<Dictionary<string, float>> TermWeightsAsync(string question, CancellationToken cancellationToken)
    {
        var words = QueryTerms.ContentWords(question);
        var (frequencies, total) = await store.TermFrequenciesAsync(words, cancellationToken).ConfigureAwait(false);
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var df = frequencies.GetValueOrDefault(word);
            var idf = (float)Math.Log(1 + (total - df + 0.5) / (df + 0.5));
            var stem = Stemmer.Stem(word);
            weights[stem] = Math.Max(weights.GetValueOrDefault(stem), idf);
        }

        return weights;
    }

    private static List<Candidate> Candidates(List<SearchHit> hits, Dictionary<string, float> weights, IReadOnlySet<string>? alreadySaid)
    {
        var seen = new HashSet<(string, int)>();
        var candidates = new List<Candidate>();
        var bestRelevance = Math.Max(hits.Max(h => h.Relevance), 1e-6f);
        for (var rank = 0; rank < hits.Count; rank++)
        {
            var hit = hits[rank];
            foreach (var local in SentenceSplitter.Split(hit.Chunk.Text))
            {
                var span = new TextSpan(hit.Chunk.Span.Start + local.Start, hit.Chunk.Span.Start + local.End);
                var text = local.Of(hit.Chunk.Text);
                if (!seen.Add((hit.Chunk.DocumentId, span.Start)) || !IsStatement(text)
                    || alreadySaid?.Contains(Conversations.ContinuationRequest.Normalize(text)) == true)
                {
                    continue;
                }

                var stems = Stems(text);
                candidates.Add(new Candidate(hit, span, text, stems)
                {
                    Lexical = Coverage(stems, weights),
                    Prior = Math.Max(0, hit.Relevance) / bestRelevance,
                });
            }
        }

        return candidates;
    }

    private async Task ScoreSemanticallyAsync(List<Candidate> candidates, ReadOnlyMemory<float> query, CancellationToken cancellationToken)
    {
        var top = candidates.OrderByDescending(c => c.Lexical + 0.5f * c.Prior).Take(options.SemanticCandidates).ToList();
        var embeddings = await embedder.GenerateAsync(top.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < top.Count; i++)
        {
            top[i].Semantic = TensorPrimitives.Dot(embeddings[i].Vector.Span, query.Span);
        }
    }

    private List<Candidate> Select(List<Candidate> candidates)
    {
        var best = candidates.Where(c => c.Semantic is not null).Select(c => c.Semantic!.Value).DefaultIfEmpty(0).Max();
        foreach (var c in candidates)
        {
            var semantic = c.Semantic is { } s && best > 0 ? s / best : 0;
            c.Score = c.Semantic is null ? 0.65f * c.Lexical + 0.35f * c.Prior - 0.1f : 0.45f * c.Lexical + 0.35f * semantic + 0.2f * c.Prior;
        }

        var selected = new List<Candidate>();
        var pool = candidates.OrderByDescending(c => c.Score).ToList();
        var first = pool[0].Score;
        while (selected.Count < options.MaxSentences && pool.Count > 0)
        {
            var (next, value) = pool
                .Select(c => (c, c.Score - Redundancy * selected.Select(s => Similarity(s.Stems, c.Stems)).DefaultIfEmpty(0).Max()))
                .MaxBy(x => x.Item2);
            if (selected.Count > 0 && (value < 0.6f * first || next.Lexical == 0 && next.Semantic is null))
            {
                break;
            }

            selected.Add(next);
            pool.Remove(next);
        }

        return selected;
    }

    /// <summary>
    /// Adds, before a pronoun-attributed sentence, the nearest earlier sentence of the same document (at most four
    /// sentences back) that names the speaker, cited to the chunk that holds it.
    /// </summary>
    private async Task<List<Quoted>> WithSpeakersAsync(List<Candidate> selected, CancellationToken cancellationToken)
    {
        var quoted = selected.Select(c => new Quoted(c.Hit, c.Hit.Chunk, c.Span, c.Text)).ToList();
        var chunksOf = new Dictionary<string, IReadOnlyList<ChunkRecord>>(StringComparer.Ordinal);
        foreach (var candidate in selected.Where(c => SpeakerAttribution.HasPronounSpeaker(c.Text)))
        {
            var documentId = candidate.Hit.Chunk.DocumentId;
            if (!chunksOf.TryGetValue(documentId, out var chunks))
            {
                chunksOf[documentId] = chunks = await store.GetDocumentChunksAsync(documentId, cancellationToken).ConfigureAwait(false);
            }

            var before = chunks
                .Where(c => c.Span.Start < candidate.Span.Start && c.Span.End > candidate.Span.Start - 1500)
                .SelectMany(c => SentenceSplitter.Split(c.Text).Select(s =>
                    (Chunk: c, Span: new TextSpan(c.Span.Start + s.Start, c.Span.Start + s.End), Text: s.Of(c.Text))))
                .Where(s => s.Span.End <= candidate.Span.Start)
                .DistinctBy(s => s.Span.Start)
                .OrderBy(s => s.Span.Start)
                .TakeLast(4)
                .Reverse()
                .FirstOrDefault(s => SpeakerAttribution.HasNamedSpeaker(s.Text));
            if (before.Chunk is not null && !quoted.Any(q => q.Span.Start == before.Span.Start && q.Chunk.DocumentId == documentId))
            {
                var index = quoted.FindIndex(q => q.Span == candidate.Span && q.Chunk.DocumentId == documentId);
                quoted.Insert(index, new Quoted(candidate.Hit, before.Chunk, before.Span, before.Text));
            }
        }

        return quoted;
    }

    private static Answer Compose(string question, List<Quoted> quoted, List<SearchHit> hits)
    {
        var documentOrder = hits.Select(h => h.Chunk.DocumentId).Distinct().ToList();
        var ordered = quoted
            .OrderBy(q => documentOrder.IndexOf(q.Chunk.DocumentId))
            .ThenBy(q => q.Span.Start)
            .ToList();
        var citations = new List<Citation>();
        var parts = new List<string>();
        foreach (var q in ordered)
        {
            var citation = new Citation
            {
                N = citations.Count + 1,
                DocumentId = q.Hit.Document.Id,
                Title = q.Hit.Document.Title,
                Source = q.Hit.Document.Source,
                Published = q.Hit.Document.Published,
                Chunk = q.Chunk.Number,
                Text = q.Chunk.Text,
                Quote = q.Text,
                Start = q.Span.Start,
                End = q.Span.End,
                Relevance = q.Hit.Relevance,
            };
            citations.Add(citation);
            parts.Add($"{q.Text} [{citation.N}]");
        }

        return new Answer { Question = question, Text = string.Join(" ", parts), NoResult = false, Citations = citations, Mode = Mode };
    }

    /// <summary>A sentence worth quoting: three words or more, and not a heading (a short line without end punctuation).</summary>
    private static bool IsStatement(string text)
    {
        var words = QueryTerms.Words(text).Count;
        var ended = text.TrimEnd().LastOrDefault() is '.' or '!' or '?' or '"' or '”' or '’' or '\'' or ')' or '…';
        return words >= 3 && (ended || words >= 12);
    }

    private static HashSet<string> Stems(string text) =>
        QueryTerms.ContentStems(text);

    private static float Coverage(HashSet<string> stems, Dictionary<string, float> weights)
    {
        var total = weights.Values.Sum();
        return total <= 0 ? 0 : weights.Where(kv => stems.Contains(kv.Key)).Sum(kv => kv.Value) / total;
    }

    private static float Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (float)shared / Math.Min(a.Count, b.Count);
    }

    /// <summary>A sentence to quote, the hit it answers from and the chunk that holds it.</summary>
    private sealed record Quoted(SearchHit Hit, ChunkRecord Chunk, TextSpan Span, string Text);

    private sealed class Candidate(SearchHit hit, TextSpan span, string text, HashSet<string> stems)
    {
        public SearchHit Hit { get; } = hit;

        public TextSpan Span { get; } = span;

        public string Text { get; } = text;

        public HashSet<string> Stems { get; } = stems;

        public float Lexical { get; init; }

        public float Prior { get; init; }

        public float? Semantic { get; set; }

        public float Score { get; set; }
    }
}
