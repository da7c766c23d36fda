using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The model's part of a briefing (prompt <c>BriefingProse</c>):
/// <list type="number">
/// <item>the draft's citations become numbered passages, under their own numbers, each the sentence(s) of the
/// document holding the cited range, as many as fit the model's context;</item>
/// <item>the model rewrites every key point as prose and lists open questions and what to watch, citing <c>[n]</c>
/// after every sentence;</item>
/// <item>a sentence citing a number that is not a passage is dropped; the others are checked against their passages
/// like generative answers (<see cref="GroundingChecker"/>) and the unsupported are dropped
/// (<c>AI:UnsupportedSentences</c> does not apply: a briefing never carries an unsupported line);</item>
/// <item>a key point none of whose sentences survive keeps its extractive text; a model failure (time-out, retries
/// exhausted, error) returns null, and the extractive briefing stands.</item>
/// </list>
/// </summary>
public sealed class GenerativeBriefingWriter : IBriefingWriter
{
    private const int SafetyTokens = 64;
    private const int MarkerCeiling = 100_000;

    private readonly GenerativeModel _model;
    private readonly GroundingChecker _grounding;
    private readonly ILogger _logger;

    public GenerativeBriefingWriter(
        GenerativeModel model,
        IEmbeddingGenerator<string, Embedding<float>> groundingEmbedder,
        ILogger<GenerativeBriefingWriter>? logger = null)
    {
        _model = model;
        _grounding = new GroundingChecker(groundingEmbedder, model.Options);
        _logger = logger ?? NullLogger<GenerativeBriefingWriter>.Instance;
    }

    public async Task<WrittenBriefing?> WriteAsync(Briefing draft, IReadOnlyList<BriefingSource> sources, CancellationToken cancellationToken = default)
    {
        if (draft.KeyPoints.Count == 0 || draft.Citations.Count == 0)
        {
            return null;
        }

        var keyPoints = KeyPointList(draft);
        var subject = draft.Topic ?? draft.Headline;
        var facts = Passages(draft, sources, PassageBudget(subject, keyPoints));
        if (facts.Count == 0)
        {
            return null;
        }

        string reply;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(_model.Options.AnswerTimeout);
            try
            {
                reply = await _model.InvokeAsync(
                    PromptNames.BriefingProse,
                    PromptArguments.BriefingProse(subject, keyPoints, string.Join("\n\n", facts.Select(f => f.Formatted))),
                    deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(
                    "The model did not write the briefing ({Failure}); the briefing stays extractive",
                    deadline.IsCancellationRequested && e is OperationCanceledException
                        ? $"no complete reply within AI:AnswerTimeoutSeconds = {_model.Options.AnswerTimeoutSeconds} s"
                        : $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
                return null;
            }
        }

        var parsed = BriefingReply.Parse(reply);
        var items = new List<(int Item, DraftSentence Sentence)>();
        var invented = 0;
        void Add(int item, string text)
        {
            foreach (var sentence in CitationMarkers.Parse(text, MarkerCeiling))
            {
                if (sentence.Facts.Any(n => n > facts.Count))
                {
                    invented++;
                    continue;
                }

                items.Add((item, sentence));
            }
        }

        for (var i = 0; i < draft.KeyPoints.Count; i++)
        {
            if (parsed.KeyPoints.TryGetValue(i + 1, out var text))
            {
                Add(i, text);
            }
        }

        for (var w = 0; w < parsed.Watch.Count; w++)
        {
            Add(draft.KeyPoints.Count + w, parsed.Watch[w]);
        }

        var checkedSentences = await _grounding.CheckAsync(items.Select(s => s.Sentence).ToList(), facts, cancellationToken).ConfigureAwait(false);
        var unsupported = checkedSentences.Count(s => !s.IsSupported);
        if (invented + unsupported > 0)
        {
            _logger.LogInformation(
                "{Invented} written briefing sentence(s) cited passages that do not exist and {Unsupported} were not supported by their passages; they were dropped",
                invented, unsupported);
        }

        var byItem = items.Select(s => s.Item).Zip(checkedSentences)
            .Where(s => s.Second.IsSupported)
            .GroupBy(s => s.First, s => s.Second)
            .ToDictionary(g => g.Key, g => Compose(g.ToList()));
        var points = Enumerable.Range(0, draft.KeyPoints.Count)
            .Select(i => byItem.TryGetValue(i, out var point) ? new KeyPoint(point.Text, point.Citations) : null)
            .ToList();
        var questions = Enumerable.Range(draft.KeyPoints.Count, parsed.Watch.Count)
            .Where(byItem.ContainsKey)
            .Select(i => new OpenQuestion(byItem[i].Text, byItem[i].Citations))
            .ToList();
        return new WrittenBriefing(points, questions);
    }

    /// <summary>The supported sentences of one item, and the passages that support them, in number order.</summary>
    private static (string Text, IReadOnlyList<int> Citations) Compose(List<SupportedSentence> sentences) =>
        (string.Join(" ", sentences.Select(s => s.Text.Trim())),
         sentences.SelectMany(s => s.Support.Select(f => f.Fact.N)).Distinct().Order().ToList());

    private static string KeyPointList(Briefing draft) =>
        string.Join("\n", draft.KeyPoints.Select((p, i) =>
            $"{i + 1}. {p.Text.ReplaceLineEndings(" ").Trim()} {string.Concat(p.Citations.Select(n => $"[{n}]"))}"));

    /// <summary>
    /// The draft's citations as facts under their own numbers, in order, while they fit: each the whole sentence(s) of
    /// its document around the cited range, so a quotation comes with its attribution.
    /// </summary>
    private List<Fact> Passages(Briefing draft, IReadOnlyList<BriefingSource> sources, int budgetTokens)
    {
        var documents = sources.ToDictionary(s => s.Document.Id, StringComparer.Ordinal);
        var sentences = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        var facts = new List<Fact>();
        var used = 0;
        foreach (var citation in draft.Citations.OrderBy(c => c.N))
        {
            if (citation.N != facts.Count + 1 || !documents.TryGetValue(citation.DocumentId, out var source))
            {
                break;
            }

            if (!sentences.TryGetValue(source.Document.Id, out var spans))
            {
                spans = sentences[source.Document.Id] = SentenceSplitter.Split(source.Text);
            }

            var covering = spans.Where(s => s.Start < citation.End && citation.Start < s.End).ToList();
            var span = covering.Count == 0
                ? new TextSpan(citation.Start, citation.End)
                : new TextSpan(Math.Min(citation.Start, covering[0].Start), Math.Max(citation.End, covering[^1].End));
            var hit = new SearchHit
            {
                Chunk = new ChunkRecord(0, source.Document.Id, citation.Chunk, span, span.Of(source.Text), 0),
                Document = source.Document,
                Score = 0,
                Relevance = citation.Relevance,
            };
            var formatted = FactSheet.Format(citation.N, hit);
            var tokens = _model.Tokenizer.CountTokens(formatted) + 2;
            if (used + tokens > budgetTokens)
            {
                break;
            }

            used += tokens;
            facts.Add(new Fact(citation.N, hit, formatted));
        }

        return facts;
    }

    /// <summary>Tokens left for the passages: the context less the prompt, the subject, the key points and the longest reply.</summary>
    private int PassageBudget(string subject, string keyPoints)
    {
        var tokenizer = _model.Tokenizer;
        var fixedTokens = tokenizer.CountTokens(_model.Prompts.Template(PromptNames.BriefingProse))
            + tokenizer.CountTokens(subject)
            + tokenizer.CountTokens(keyPoints);
        var output = _model.Prompts.MaxOutputTokens(PromptNames.BriefingProse, 1024);
        return Math.Max(0, _model.Options.ContextTokens - fixedTokens - output - SafetyTokens);
    }
}
