using System.Numerics.Tensors;
using System.Text.RegularExpressions;
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
public sealed partial class ExtractiveAnswerer(IMemoryStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, AnswerOptions options)
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

        var focus = QuestionAnalysis.Analyze(question);
        var weights = await TermWeightsAsync(question, cancellationToken).ConfigureAwait(false);
        var candidates = Candidates(hits, weights, focus, alreadySaid);
        var passageStems = hits.Select(h => Stems(h.Chunk.Text)).ToList();
        var retrieval = new AnswerSignals { Relevance = hits.Max(h => h.Relevance), Coverage = passageStems.Max(s => Coverage(s, weights)) };
        var absent = await Answerability.AbsentEntitiesAsync(store, focus, cancellationToken).ConfigureAwait(false);
        if (Answerability.IsUnanswerable(focus, absent))
        {
            return Declined(Answerability.NotMentioned(question, absent, options, Mode), retrieval);
        }

        if (!options.IsAnswerable(retrieval.Relevance, retrieval.Coverage) || candidates.Count == 0)
        {
            return Declined(Answer.NotFound(question, options.NotFoundText, "No passage answers the question", Mode), retrieval);
        }

        var present = focus.Entities.Except(absent).ToList();
        var covering = present.Count > 0 ? candidates.Where(c => present.Any(c.MayCover)).ToList() : candidates;
        var typed = covering.Where(c => c.TypeMatch).ToList();
        if (covering.Count == 0 || (typed.Count == 0 && Answerability.TypeIsRequired(focus.Type)))
        {
            var missing = covering.Count == 0 ? present : [Answerability.Describe(focus.Type)];
            var text = covering.Count == 0
                ? string.Format(System.Globalization.CultureInfo.InvariantCulture, options.NotCoveredText, "an answer about " + Answerability.Join(present))
                : string.Format(System.Globalization.CultureInfo.InvariantCulture, options.NotCoveredText, missing[0]);
            return Declined(Answer.NotFound(question, text, "The sentences found do not hold what was asked", Mode) with { Missing = missing }, retrieval);
        }

        // A source the question names ("as reported by TechCrunch") never sinks it, but a passage that names it is preferred.
        var preferred = present.Concat(focus.Sources.Where(s => candidates.Any(c => c.Covers(s)))).ToList();
        foreach (var c in candidates)
        {
            c.CoversFocus = preferred.Count == 0 || preferred.Any(c.Covers);
        }

        if (options.SentenceEmbeddings && options.SemanticCandidates > 0 && !search.QueryVector.IsEmpty)
        {
            await ScoreSemanticallyAsync(candidates, search.QueryVector, cancellationToken).ConfigureAwait(false);
        }

        var selected = Select(candidates, focus);
        var signals = Signals(retrieval, selected, focus, weights, hits, passageStems);
        var confidence = ConfidenceModel.Probability(signals);
        if (confidence < options.MinConfidence)
        {
            return Answer.NotFound(question, options.NotFoundText, "The answer's confidence is below Memory:Answer:MinConfidence", Mode) with
            {
                Signals = signals,
                Confidence = 1 - confidence,
            };
        }

        var quoted = await WithSpeakersAsync(selected, cancellationToken).ConfigureAwait(false);
        var uncovered = absent.Concat(present.Where(e => !selected.Any(c => c.Covers(e)))).ToList();
        return Compose(question, quoted) with { Signals = signals, Confidence = confidence, Missing = uncovered };
    }

    /// <summary>
    /// The retrieval signals alone (the best passage's similarity and word coverage), for answers whose sentences are
    /// not chosen here (generative ones): their <see cref="Answer.Confidence"/> is the model's on these.
    /// </summary>
    public async Task<AnswerSignals> RetrievalSignalsAsync(string question, SearchResult search, CancellationToken cancellationToken = default)
    {
        var hits = search.Hits.Take(options.Passages).ToList();
        if (hits.Count == 0)
        {
            return new AnswerSignals { Relevance = 0, Coverage = 0 };
        }

        var weights = await TermWeightsAsync(question, cancellationToken).ConfigureAwait(false);
        return new AnswerSignals { Relevance = hits.Max(h => h.Relevance), Coverage = hits.Max(h => Coverage(Stems(h.Chunk.Text), weights)) };
    }

    /// <summary>A not-found decided before any sentence was chosen: its confidence is that of declining on these retrieval signals.</summary>
    private static Answer Declined(Answer notFound, AnswerSignals retrieval) =>
        notFound with { Signals = retrieval, Confidence = ConfidenceModel.Declining(retrieval) };

    /// <summary>The signals of the answer made of <paramref name="selected"/> (the first leads).</summary>
    private static AnswerSignals Signals(
        AnswerSignals retrieval, List<Candidate> selected, QuestionFocus focus, Dictionary<string, float> weights, List<SearchHit> hits, List<HashSet<string>> passageStems)
    {
        var lead = selected[0];
        var quotedStems = selected.SelectMany(c => c.Stems).ToHashSet(StringComparer.Ordinal);
        var quotedNumbers = selected.SelectMany(c => FocusTerms.Numbers(c.Text + "\n" + c.Context)).ToHashSet(StringComparer.Ordinal);
        var particulars = focus.Entities.Count + focus.Numbers.Count + focus.CalendarWords.Count;
        var given = focus.Entities.Concat(focus.CalendarWords).Count(p => selected.Any(c => c.Covers(p))) + focus.Numbers.Count(quotedNumbers.Contains);
        var question = focus.ContentWords.Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var own = lead.Stems.Where(s => !question.Contains(s)).ToList();
        var others = Enumerable.Range(0, Math.Min(hits.Count, 4)).Where(i => hits[i].Chunk.Id != lead.Hit.Chunk.Id).ToList();
        return retrieval with
        {
            SentenceCoverage = Coverage(quotedStems, weights),
            FocusCoverage = particulars == 0 ? 1 : (float)given / particulars,
            TypeMatch = lead.TypeMatch ? 1 : 0,
            SentenceRelevance = lead.Semantic ?? 0,
            Agreement = own.Count == 0 || others.Count == 0 ? 0 : others.Average(i => (float)own.Count(passageStems[i].Contains) / own.Count),
        };
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

    private static List<Candidate> Candidates(List<SearchHit> hits, Dictionary<string, float> weights, QuestionFocus focus, IReadOnlySet<string>? alreadySaid)
    {
        var seen = new HashSet<(string, int)>();
        var candidates = new List<Candidate>();
        var bestRelevance = Math.Max(hits.Max(h => h.Relevance), 1e-6f);
        for (var rank = 0; rank < hits.Count; rank++)
        {
            var hit = hits[rank];
            var earlier = new List<string>();
            foreach (var local in SentenceSplitter.Split(hit.Chunk.Text))
            {
                var span = new TextSpan(hit.Chunk.Span.Start + local.Start, hit.Chunk.Span.Start + local.End);
                var text = local.Of(hit.Chunk.Text);
                var before = earlier.Count > 0 ? earlier[^1] : "";
                var context = before + "\n" + SpeakerOf(text, earlier) + "\n" + hit.Document.Title;
                earlier.Add(text);
                if (!seen.Add((hit.Chunk.DocumentId, span.Start)) || !IsStatement(text)
                    || alreadySaid?.Contains(Conversations.ContinuationRequest.Normalize(text)) == true)
                {
                    continue;
                }

                var stems = Stems(text);
                candidates.Add(new Candidate(hit, span, text, stems, context)
                {
                    Lexical = Coverage(stems, weights),
                    Prior = Math.Max(0, hit.Relevance) / bestRelevance,
                    TypeMatch = Answerability.MatchesType(focus.Type, text),
                    TenseMatch = Answerability.MatchesTense(focus, text, hit.Document.Published),
                    Agent = focus.Speaker is { } speaker && (IsAgent(text, speaker, focus.Verb) || ContinuesAgent(text, before, speaker, focus.Verb)),
                    Echo = IsEcho(stems, focus),
                });
            }
        }

        return candidates;
    }

    private async Task ScoreSemanticallyAsync(List<Candidate> candidates, ReadOnlyMemory<float> query, CancellationToken cancellationToken)
    {
        var ranked = candidates.OrderByDescending(c => c.Lexical + 0.5f * c.Prior).ToList();
        var top = ranked.Take(options.SemanticCandidates)
            .Concat(ranked.Where(c => c.TenseMatch || c.Agent).Take(2))
            .Distinct()
            .ToList();
        var embeddings = await embedder.GenerateAsync(top.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < top.Count; i++)
        {
            top[i].Semantic = TensorPrimitives.Dot(embeddings[i].Vector.Span, query.Span);
        }
    }

    /// <summary>
    /// Greedy selection with a redundancy penalty. The first sentence is the one that holds what was asked: of the
    /// right kind (a time for "when", a number for "how many"), and for "What did X demand?" one in which X (or an
    /// alias) is the one speaking or asking. A sentence that only repeats the question's words comes last.
    /// </summary>
    private List<Candidate> Select(List<Candidate> candidates, QuestionFocus focus)
    {
        var best = candidates.Where(c => c.Semantic is not null).Select(c => c.Semantic!.Value).DefaultIfEmpty(0).Max();
        foreach (var c in candidates)
        {
            var semantic = c.Semantic is { } s && best > 0 ? s / best : 0;
            c.Score = c.Semantic is null ? 0.65f * c.Lexical + 0.35f * c.Prior - 0.1f : 0.45f * c.Lexical + 0.35f * semantic + 0.2f * c.Prior;
            c.Score += (c.TypeMatch && focus.Type != AnswerType.Other ? 0.1f : 0) + (c.TenseMatch ? 0.1f : 0) + (c.Agent ? 0.15f : 0) + (c.CoversFocus ? 0.05f : 0) - (c.Echo ? 0.3f : 0);
        }

        var selected = new List<Candidate>();
        var pool = candidates.OrderByDescending(c => c.Score).ToList();
        var anyAgent = pool.Any(c => c.Agent);
        var anyTense = pool.Any(c => c.TenseMatch);
        var typed = focus.Type is AnswerType.When or AnswerType.Quantity or AnswerType.Statement;
        var leads = pool.Where(c => (c.TypeMatch || !typed) && c.CoversFocus && !c.Echo && (c.Agent || !anyAgent) && (c.TenseMatch || !anyTense)).ToList();
        var lead = leads.Count > 0 ? leads[0] : pool[0];
        selected.Add(lead);
        pool.Remove(lead);
        var first = lead.Score;
        while (selected.Count < options.MaxSentences && pool.Count > 0)
        {
            var (next, value) = pool
                .Select(c => (c, c.Score - Redundancy * selected.Select(s => Similarity(s.Stems, c.Stems)).DefaultIfEmpty(0).Max()))
                .MaxBy(x => x.Item2);
            if (value < (next.Agent ? 0.4f : 0.6f) * first || next.Lexical == 0 && next.Semantic is null)
            {
                break;
            }

            selected.Add(next);
            pool.Remove(next);
        }

        return selected;
    }

    /// <summary>
    /// "What did Russia demand?": the sentence names Russia (or Moscow, the Kremlin …) before a verb of the kind asked
    /// about — of wanting for demand/want/ask, of saying for say/tell/warn.
    /// </summary>
    private static bool IsAgent(string sentence, string speaker, string? verb)
    {
        var match = VerbOf(verb).Match(sentence);
        if (!match.Success)
        {
            return false;
        }

        var head = sentence[..match.Index];
        return FocusTerms.Mentions(head, speaker) || (SpeakerAttribution.HasNamedSpeaker(sentence) && FocusTerms.Mentions(sentence, speaker) && !FocusTerms.Names(head).Any());
    }

    /// <summary>"Moscow has published draft proposals. The demands include …": the sentence before names the agent, this one continues it.</summary>
    private static bool ContinuesAgent(string sentence, string previous, string speaker, string? verb)
    {
        var match = VerbOf(verb).Match(sentence);
        return match.Success && FocusTerms.Names(sentence[..match.Index]).Count == 0 && IsAgent(previous, speaker, verb);
    }

    private static Regex VerbOf(string? verb) =>
        verb is not null && WantingQuestionVerb().IsMatch(verb) ? WantingVerb() : SayingVerb();

    [GeneratedRegex(@"^(?:demand\w*|want\w*|ask\w*|call\w*\s+for|propos\w*|request\w*|seek\w*|sought|offer\w*|promis\w*)$", RegexOptions.CultureInvariant)]
    private static partial Regex WantingQuestionVerb();

    [GeneratedRegex(@"\b(?:demand\w*|want\w*|asks?|asked|asking|call(?:s|ed|ing)?\s+for|insist\w*|propos\w*|request\w*|seek\w*|sought|offer\w*|promis\w*|wish\w*|push\w*\s+for|press\w*\s+for|urg\w*|requir\w*|expect\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WantingVerb();

    [GeneratedRegex(@"\b(?:say|says|said|saying|told|tells?|warn\w*|stress\w*|claim\w*|announc\w*|argu\w*|insist\w*|reject\w*|add(?:s|ed)|repl\w*|respond\w*|explain\w*|not(?:es|ed)|declar\w*|suggest\w*|believ\w*|accus\w*|den(?:y|ies|ied)|confirm\w*|admit\w*|describ\w*|call(?:s|ed)?|urg\w*|promis\w*|vow\w*|predict\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SayingVerb();

    /// <summary>
    /// The speaker of a sentence attributed only to "she"/"he", or of a quotation continuing the one before: the
    /// nearest of the (at most four) earlier sentences of the passage that names its speaker; else empty.
    /// </summary>
    private static string SpeakerOf(string sentence, List<string> earlier)
    {
        var quoted = sentence.TrimStart().FirstOrDefault() is '“' or '"' or '‘';
        if (!quoted && !SpeakerAttribution.HasPronounSpeaker(sentence))
        {
            return "";
        }

        for (var i = earlier.Count - 1; i >= Math.Max(0, earlier.Count - 4); i--)
        {
            if (SpeakerAttribution.HasNamedSpeaker(earlier[i]))
            {
                return earlier[i];
            }
        }

        return "";
    }

    /// <summary>A sentence whose content words are, but for one, the question's own: it restates rather than answers.</summary>
    private static bool IsEcho(HashSet<string> stems, QuestionFocus focus)
    {
        var question = focus.ContentWords.Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);
        return question.Count > 0 && stems.Count(s => !question.Contains(s)) <= 1;
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

    /// <summary>The quotes in the order chosen: the sentence that answers first, a speaker's naming sentence before its pronoun.</summary>
    private static Answer Compose(string question, List<Quoted> quoted)
    {
        var ordered = quoted;
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

    /// <summary>
    /// A sentence worth quoting: three words or more, and not a heading (a short line without end punctuation), a
    /// list fragment (a bullet or numbered item) or a caption ("Photo: …", "… (Getty Images)").
    /// </summary>
    private static bool IsStatement(string text)
    {
        var words = QueryTerms.Words(text).Count;
        var ended = text.TrimEnd().LastOrDefault() is '.' or '!' or '?' or '"' or '”' or '’' or '\'' or ')' or '…';
        return words >= 3 && (ended || words >= 12) && !ListOrCaption().IsMatch(text);
    }

    [GeneratedRegex(@"^\s*(?:[-•*▪–—]\s|\d{1,2}[.)]\s|\(?[a-h]\)\s)|^\s*(?:photo|picture|image|caption|credit|file photo|pictured)\b\s*[:|–-]|\((?:getty images|reuters|afp|ap|pa|epa)\)\s*$|\b(?:getty images|afp via getty images)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListOrCaption();

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

    private sealed class Candidate(SearchHit hit, TextSpan span, string text, HashSet<string> stems, string context)
    {
        /// <summary>The sentence before it in its passage and the document's title: what "it", "the talks" refer to.</summary>
        public string Context { get; } = context;

        /// <summary>The sentence holds the kind of answer asked for (a time, a number, a name).</summary>
        public bool TypeMatch { get; init; }

        /// <summary>The sentence or its context names one of the question's named things (or the question names none).</summary>
        public bool CoversFocus { get; set; }

        /// <summary>For "when will …" / "when did …": the sentence's date is a next step / an event.</summary>
        public bool TenseMatch { get; init; }

        /// <summary>For "What did X say/demand?": X is the one saying or asking in this sentence.</summary>
        public bool Agent { get; init; }

        /// <summary>The sentence only repeats the question's words.</summary>
        public bool Echo { get; init; }

        /// <summary>The sentence or its immediate context names the entity (or an alias of it).</summary>
        public bool Covers(string entity) => FocusTerms.Mentions(Text, entity) || FocusTerms.Mentions(Context, entity);

        /// <summary>The sentence or its context has a word of the entity's name (<see cref="FocusTerms.MayMention"/>).</summary>
        public bool MayCover(string entity) => FocusTerms.MayMention(Text, entity) || FocusTerms.MayMention(Context, entity);

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
