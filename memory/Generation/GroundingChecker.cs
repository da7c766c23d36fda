using System.Numerics.Tensors;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Language;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Checks each generated sentence against the passages it cites. A fact supports a sentence when all three hold:
/// <list type="bullet">
/// <item>lexical: at least <see cref="AiOptions.MinLexicalSupport"/> of the sentence's content words (stemmed) occur
/// in the passage;</item>
/// <item>semantic: the sentence's embedding (the local grounding model) has cosine similarity of at least
/// <see cref="AiOptions.MinSemanticSupport"/> with the passage or one of its sentences;</item>
/// <item>particulars: every number, calendar word and name of the sentence is in the passage (or, for a sentence
/// citing several, in them together), so a swapped figure, date or name is unsupported however close the words.</item>
/// </list>
/// Neither measure reads meaning: a sentence that reverses its passage with the same words ("Nato accepted the
/// demands" against "Nato said the terms are unacceptable") can pass.
/// A sentence without markers is checked against every fact and takes the best supporting one. The quote of a
/// supporting fact is the passage sentence that shares most with the generated sentence.
/// </summary>
public sealed class GroundingChecker(IEmbeddingGenerator<string, Embedding<float>> embedder, AiOptions options)
{
    public async Task<IReadOnlyList<SupportedSentence>> CheckAsync(
        IReadOnlyList<DraftSentence> sentences, IReadOnlyList<Fact> facts, CancellationToken cancellationToken = default)
    {
        if (sentences.Count == 0 || facts.Count == 0)
        {
            return sentences.Select(s => new SupportedSentence(s.Text, [])).ToList();
        }

        var passages = facts.Select(f => new Passage(f)).ToList();
        var texts = sentences.Select(s => s.Text)
            .Concat(passages.Select(p => p.Fact.Hit.Chunk.Text))
            .Concat(passages.SelectMany(p => p.Sentences.Select(s => s.Text)))
            .ToList();
        var vectors = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        var next = sentences.Count;
        foreach (var passage in passages)
        {
            passage.Vector = vectors[next++].Vector;
        }

        foreach (var passage in passages)
        {
            foreach (var sentence in passage.Sentences)
            {
                sentence.Vector = vectors[next++].Vector;
            }
        }

        var checkedSentences = new List<SupportedSentence>(sentences.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            var draft = sentences[i];
            var vector = vectors[i].Vector;
            var stems = Stems(draft.Text);
            var cited = draft.Facts.Count > 0 ? draft.Facts.Select(n => passages[n - 1]).ToList() : passages;
            var support = cited
                .Where(p => FocusTerms.ParticularsIn(draft.Text, p.Fact.Hit.Chunk.Text))
                .Select(p => Support(p, stems, vector))
                .Where(s => s.Lexical >= options.MinLexicalSupport && s.Semantic >= options.MinSemanticSupport)
                .ToList();
            if (support.Count == 0 && draft.Facts.Count > 1
                && FocusTerms.ParticularsIn(draft.Text, string.Join("\n\n", cited.Select(p => p.Fact.Hit.Chunk.Text))))
            {
                support = Jointly(cited, stems, vector);
            }

            if (draft.Facts.Count == 0 && support.Count > 1)
            {
                support = [support.MaxBy(s => s.Lexical + s.Semantic)!];
            }

            checkedSentences.Add(new SupportedSentence(draft.Text, support));
        }

        return checkedSentences;
    }

    /// <summary>A sentence combining several cited passages: supported when their words together cover it.</summary>
    private List<SentenceSupport> Jointly(List<Passage> cited, HashSet<string> stems, ReadOnlyMemory<float> vector)
    {
        var union = cited.SelectMany(p => p.Stems).ToHashSet(StringComparer.Ordinal);
        var each = cited.Select(p => Support(p, stems, vector)).ToList();
        return Coverage(stems, union) >= options.MinLexicalSupport && each.Max(s => s.Semantic) >= options.MinSemanticSupport
            ? each.Where(s => s.Lexical > 0).ToList()
            : [];
    }

    private static SentenceSupport Support(Passage passage, HashSet<string> stems, ReadOnlyMemory<float> vector)
    {
        var lexical = Coverage(stems, passage.Stems);
        var semantic = TensorPrimitives.CosineSimilarity(vector.Span, passage.Vector.Span);
        PassageSentence? best = null;
        var bestScore = float.MinValue;
        foreach (var sentence in passage.Sentences)
        {
            var similarity = TensorPrimitives.CosineSimilarity(vector.Span, sentence.Vector.Span);
            semantic = Math.Max(semantic, similarity);
            var score = 0.5f * Coverage(stems, sentence.Stems) + 0.5f * similarity;
            if (score > bestScore)
            {
                bestScore = score;
                best = sentence;
            }
        }

        var chunk = passage.Fact.Hit.Chunk;
        var local = best?.Span ?? new TextSpan(0, chunk.Text.Length);
        var quote = new TextSpan(chunk.Span.Start + local.Start, chunk.Span.Start + local.End);
        return new SentenceSupport(passage.Fact, quote, local.Of(chunk.Text), lexical, semantic);
    }

    private static float Coverage(HashSet<string> sentence, HashSet<string> passage) =>
        sentence.Count == 0 ? 0 : (float)sentence.Count(passage.Contains) / sentence.Count;

    internal static HashSet<string> Stems(string text) =>
        QueryTerms.ContentStems(text);

    private sealed class Passage
    {
        public Passage(Fact fact)
        {
            Fact = fact;
            Stems = GroundingChecker.Stems(fact.Hit.Chunk.Text);
            Sentences = SentenceSplitter.Split(fact.Hit.Chunk.Text)
                .Select(s => new PassageSentence(s, s.Of(fact.Hit.Chunk.Text)))
                .ToList();
        }

        public Fact Fact { get; }

        public HashSet<string> Stems { get; }

        public List<PassageSentence> Sentences { get; }

        public ReadOnlyMemory<float> Vector { get; set; }
    }

    private sealed class PassageSentence(TextSpan span, string text)
    {
        public TextSpan Span { get; } = span;

        public string Text { get; } = text;

        public HashSet<string> Stems { get; } = GroundingChecker.Stems(text);

        public ReadOnlyMemory<float> Vector { get; set; }
    }
}
