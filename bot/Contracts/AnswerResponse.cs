using BriefingBot.Memory.Answering;

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
    public static AnswerResponse From(Answer answer) => new(
        answer.Question,
        answer.Text,
        answer.NoResult,
        answer.NoResultReason,
        answer.Mode,
        answer.Citations.Select(c => new CitationResponse(
            c.N, c.DocumentId, c.Title, c.Source, c.Published, c.Chunk, c.Text, c.Quote, c.Start, c.End, MathF.Round(c.Relevance, 4))).ToList());
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
