using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Conversations;

namespace BriefingBot.Bot.Contracts;

/// <summary>The JSON of an answer, the same on the CLI (<c>ask --json</c>) and the HTTP API.</summary>
public sealed record AnswerResponse(
    string Question,
    string Answer,
    bool NoResult,
    string? NoResultReason,
    string Mode,
    IReadOnlyList<CitationResponse> Citations)
{
    /// <summary>Generated sentences kept although unsupported (with <c>AI:UnsupportedSentences=Flag</c>); else omitted.</summary>
    public IReadOnlyList<string>? Unsupported { get; init; }

    /// <summary>The parts of the question the sources do not cover ("Japan", "a date"); else omitted.</summary>
    public IReadOnlyList<string>? Missing { get; init; }

    /// <summary>Estimated probability that the answer (or the not-found) is right, 0–1.</summary>
    public float? Confidence { get; init; }

    /// <summary>The conversation, when the question was asked in one; else omitted.</summary>
    public string? ConversationId { get; init; }

    public int? Turn { get; init; }

    /// <summary>The question made self-contained from the conversation, as it was answered.</summary>
    public string? StandaloneQuestion { get; init; }

    /// <summary>Follow-up questions the user may ask next (with a model); else omitted.</summary>
    public IReadOnlyList<string>? Suggestions { get; init; }

    public static AnswerResponse From(ConversationReply reply) => From(reply.Answer) with
    {
        ConversationId = reply.ConversationId,
        Turn = reply.Turn,
        StandaloneQuestion = reply.StandaloneQuestion,
        Suggestions = reply.Suggestions.Count > 0 ? reply.Suggestions : null,
    };

    public static AnswerResponse From(Answer answer) => new(
        answer.Question,
        answer.Text,
        answer.NoResult,
        answer.NoResultReason,
        answer.Mode,
        answer.Citations.Select(c => new CitationResponse(
            c.N, c.DocumentId, c.Title, c.Source, c.Published, c.Chunk, c.Text, c.Quote, c.Start, c.End, MathF.Round(c.Relevance, 4))).ToList())
    {
        Unsupported = answer.Unsupported.Count > 0 ? answer.Unsupported : null,
        Missing = answer.Missing.Count > 0 ? answer.Missing : null,
        Confidence = answer.Confidence is { } confidence ? MathF.Round(confidence, 3) : null,
    };
}

public sealed record CitationResponse(
    int N,
    string DocumentId,
    string Title,
    string? Source,
    DateTimeOffset? Published,
    int Chunk,
    string Text,
    string Quote,
    int Start,
    int End,
    float Relevance);
