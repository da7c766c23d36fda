using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Retrieval;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Builds a briefing from documents of the memory, or from the documents most relevant to a topic (hybrid search).
/// The default is extractive and needs no key: key points are central, non-redundant sentences; quotations, reported
/// speech, entities and dates are found by rule; everything is cited. An <see cref="IBriefingWriter"/>, when given,
/// rewrites the key points as prose and adds open questions; without one that section is omitted.
/// </summary>
public sealed class BriefingBuilder
{
    public const string ExtractiveMode = "extractive";
    public const string GenerativeMode = "generative";

    private const int MaxEntities = 40;
    private const int MaxTimeline = 20;

    private readonly BriefingMemory _memory;
    private readonly BriefingOptions _options;
    private readonly IBriefingWriter? _writer;
    private readonly KeyPointSelector _selector;

    public BriefingBuilder(BriefingMemory memory, BriefingOptions? options = null, IBriefingWriter? writer = null)
    {
        _memory = memory;
        _options = options ?? new BriefingOptions();
        _options.Validate();
        _writer = writer;
        _selector = new KeyPointSelector(memory.Embedder, _options);
    }

    /// <exception cref="ArgumentException">Neither documents nor a topic, or a document the memory does not hold.</exception>
    public async Task<Briefing> BuildAsync(BriefingRequest request, CancellationToken cancellationToken = default)
    {
        var (sources, topicVector) = await SourcesAsync(request, cancellationToken).ConfigureAwait(false);
        if (sources.Count == 0)
        {
            return Empty(request, $"Nothing in the memory is relevant to “{request.Topic}”.");
        }

        return await BuildAsync(sources, request.Topic, topicVector, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds from sources already loaded; <paramref name="keyPoints"/> fixes the number of key points.</summary>
    internal async Task<Briefing> BuildAsync(
        IReadOnlyList<BriefingSource> sources, string? topic, ReadOnlyMemory<float> topicVector, int? keyPoints, CancellationToken cancellationToken)
    {
        var selected = await _selector.SelectAsync(sources, topicVector, keyPoints, cancellationToken).ConfigureAwait(false);
        var focus = !topicVector.IsEmpty ? topicVector
            : selected.Count > 0 ? CitationLedger.Centroid(selected.Select(s => s.Vector))
            : await TitleVectorAsync(sources, cancellationToken).ConfigureAwait(false);
        var ledger = new CitationLedger(_memory.Store, sources, focus);

        var points = new List<KeyPoint>();
        foreach (var sentence in selected)
        {
            var n = await ledger.CiteAsync(sentence.Source, sentence.Span, cancellationToken).ConfigureAwait(false);
            points.Add(new KeyPoint(sentence.Text, [n]));
        }

        var quotes = new List<AttributedQuote>();
        var statements = new List<ReportedStatement>();
        var timeline = new List<(TimelineEntry Entry, int Source)>();
        var entities = new List<(FoundEntity Entity, string DocumentId)>();
        for (var s = 0; s < sources.Count; s++)
        {
            var (document, text) = sources[s];
            var tracker = SpeakerTracker.Build(text);
            foreach (var quote in QuoteAttributor.Attribute(text, tracker).Take(Math.Max(0, _options.MaxQuotes - quotes.Count)))
            {
                quotes.Add(new AttributedQuote
                {
                    Speaker = quote.Speaker,
                    Role = quote.Role,
                    Quote = quote.Span.Of(text),
                    DocumentId = document.Id,
                    Start = quote.Span.Start,
                    End = quote.Span.End,
                    Citation = await ledger.CiteAsync(s, quote.Span, cancellationToken).ConfigureAwait(false),
                });
            }

            foreach (var statement in ReportedSpeechFinder.Find(text, tracker).Take(Math.Max(0, _options.MaxReportedStatements - statements.Count)))
            {
                statements.Add(new ReportedStatement
                {
                    Speaker = statement.Speaker,
                    Role = statement.Role,
                    Verb = statement.Verb,
                    Text = statement.Span.Of(text),
                    DocumentId = document.Id,
                    Start = statement.Span.Start,
                    End = statement.Span.End,
                    Citation = await ledger.CiteAsync(s, statement.Span, cancellationToken).ConfigureAwait(false),
                });
            }

            entities.AddRange(EntityRecognizer.Recognize(text, tracker).Select(e => (e, document.Id)));
            var published = document.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
            foreach (var sentence in SentenceSplitter.Split(text))
            {
                foreach (var expression in DateResolver.Find(sentence.Of(text), sentence.Start, published))
                {
                    timeline.Add((new TimelineEntry
                    {
                        When = expression.Text,
                        Date = expression.Date,
                        Kind = expression.Kind,
                        Text = sentence.Of(text),
                        DocumentId = document.Id,
                        Start = sentence.Start,
                        End = sentence.End,
                        Citation = 0,
                    }, s));
                }
            }
        }

        var orderedTimeline = new List<TimelineEntry>();
        foreach (var (entry, source) in timeline
            .OrderBy(t => t.Entry.Date is null ? 1 : 0)
            .ThenBy(t => t.Entry.Date is { } d ? DateResolver.Start(d) : DateOnly.MinValue)
            .ThenBy(t => t.Source)
            .ThenBy(t => t.Entry.Start)
            .Take(MaxTimeline))
        {
            var n = await ledger.CiteAsync(source, new TextSpan(entry.Start, entry.End), cancellationToken).ConfigureAwait(false);
            orderedTimeline.Add(entry with { Citation = n });
        }

        var briefing = new Briefing
        {
            Headline = Headline(sources, selected),
            Topic = topic,
            Mode = ExtractiveMode,
            DocumentIds = sources.Select(s => s.Document.Id).ToList(),
            KeyPoints = points,
            Quotes = quotes,
            ReportedSpeech = statements,
            Entities = MergeEntities(entities),
            Timeline = orderedTimeline,
            Citations = ledger.Citations.ToList(),
        };

        if (_writer is null)
        {
            return briefing;
        }

        var written = await _writer.WriteAsync(briefing, sources, cancellationToken).ConfigureAwait(false);
        return written is null ? briefing : Merge(briefing, written);
    }

    /// <summary>Takes the written parts whose citations all exist; a key point without a usable written version stays extractive.</summary>
    private static Briefing Merge(Briefing draft, WrittenBriefing written)
    {
        var numbers = draft.Citations.Select(c => c.N).ToHashSet();
        bool Grounded(string text, IReadOnlyList<int> citations) =>
            !string.IsNullOrWhiteSpace(text) && citations.Count > 0 && citations.All(numbers.Contains);

        var rewritten = 0;
        var points = new List<KeyPoint>(draft.KeyPoints.Count);
        for (var i = 0; i < draft.KeyPoints.Count; i++)
        {
            if (i < written.KeyPoints.Count && written.KeyPoints[i] is { } point && Grounded(point.Text, point.Citations))
            {
                points.Add(point);
                rewritten++;
            }
            else
            {
                points.Add(draft.KeyPoints[i]);
            }
        }

        var questions = written.OpenQuestions.Where(q => Grounded(q.Text, q.Citations)).ToList();
        return draft with
        {
            KeyPoints = points,
            OpenQuestions = questions,
            Mode = rewritten > 0 || questions.Count > 0 ? GenerativeMode : ExtractiveMode,
        };
    }

    private async Task<(List<BriefingSource> Sources, ReadOnlyMemory<float> Topic)> SourcesAsync(BriefingRequest request, CancellationToken cancellationToken)
    {
        var store = _memory.Store;
        if (request.DocumentIds.Count > 0)
        {
            var sources = new List<BriefingSource>();
            foreach (var id in request.DocumentIds.Distinct(StringComparer.Ordinal))
            {
                var document = await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false);
                var text = document is null ? null : await store.GetDocumentTextAsync(id, cancellationToken).ConfigureAwait(false);
                sources.Add(document is not null && text is not null
                    ? new BriefingSource(document, text)
                    : throw new ArgumentException($"No document '{id}' in the memory."));
            }

            var topic = string.IsNullOrWhiteSpace(request.Topic) ? ReadOnlyMemory<float>.Empty : await TopicVectorAsync(request.Topic, cancellationToken).ConfigureAwait(false);
            return (sources, topic);
        }

        if (string.IsNullOrWhiteSpace(request.Topic))
        {
            throw new ArgumentException("A briefing needs document ids or a topic.");
        }

        var search = await _memory.SearchAsync(new SearchRequest
        {
            Query = request.Topic,
            Filter = request.Filter,
            Limit = _options.TopicDocuments * 4,
            MinRelevance = _options.TopicMinRelevance,
        }, cancellationToken).ConfigureAwait(false);
        var found = new List<BriefingSource>();
        var onTopic = search.Hits.Where(h => h.KeywordRank is not null || h.Relevance >= _options.TopicConfidentRelevance).ToList();
        var floor = onTopic.Count == 0 ? 0 : _options.TopicRelativeRelevance * onTopic.Max(h => h.Relevance);
        foreach (var document in onTopic.Where(h => h.Relevance >= floor).Select(h => h.Document).DistinctBy(d => d.Id).Take(_options.TopicDocuments))
        {
            if (await store.GetDocumentTextAsync(document.Id, cancellationToken).ConfigureAwait(false) is { } text)
            {
                found.Add(new BriefingSource(document, text));
            }
        }

        return (found, search.QueryVector);
    }

    private async Task<ReadOnlyMemory<float>> TopicVectorAsync(string topic, CancellationToken cancellationToken)
    {
        var embedding = await _memory.Embedder.GenerateAsync([topic], EmbeddingPurpose.QueryOptions, cancellationToken).ConfigureAwait(false);
        return CitationLedger.Centroid([embedding[0].Vector]);
    }

    private async Task<ReadOnlyMemory<float>> TitleVectorAsync(IReadOnlyList<BriefingSource> sources, CancellationToken cancellationToken)
    {
        var embeddings = await _memory.Embedder.GenerateAsync(sources.Select(s => s.Document.Title), cancellationToken: cancellationToken).ConfigureAwait(false);
        return CitationLedger.Centroid(embeddings.Select(e => e.Vector));
    }

    private static string Headline(IReadOnlyList<BriefingSource> sources, List<SelectedSentence> selected) =>
        sources[selected.Count > 0 ? selected[0].Source : 0].Document.Title;

    private static List<NamedEntity> MergeEntities(List<(FoundEntity Entity, string DocumentId)> found)
    {
        var people = found.Where(f => f.Entity.Kind == EntityKind.Person).Select(f => f.Entity.Name).Where(n => n.Contains(' ', StringComparison.Ordinal)).ToList();
        string Key(FoundEntity e) => e.Kind == EntityKind.Person && !e.Name.Contains(' ', StringComparison.Ordinal)
            ? people.FirstOrDefault(p => p.EndsWith(" " + e.Name, StringComparison.Ordinal)) ?? e.Name
            : e.Name;

        return found
            .GroupBy(f => (Name: Key(f.Entity), f.Entity.Kind))
            .Select(g => new NamedEntity
            {
                Name = g.Key.Name,
                Kind = g.Key.Kind,
                Role = g.Select(f => f.Entity.Role).FirstOrDefault(r => r is not null),
                Mentions = g.SelectMany(f => f.Entity.Mentions.Select(m => new EntityMention(f.DocumentId, m.Start, m.End))).ToList(),
            })
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Take(MaxEntities)
            .ToList();
    }

    private static Briefing Empty(BriefingRequest request, string reason) => new()
    {
        Headline = reason,
        Topic = request.Topic,
        Mode = ExtractiveMode,
        DocumentIds = [],
        KeyPoints = [],
        Quotes = [],
        ReportedSpeech = [],
        Entities = [],
        Timeline = [],
        Citations = [],
    };
}
