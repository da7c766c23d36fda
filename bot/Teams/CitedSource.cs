using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Teams;

/// <summary>
/// One cited document of an answer, under one marker number: every citation of the answer that quotes it, in the
/// order of their numbers, so a document is listed once with all the sentences quoted from it.
/// </summary>
public sealed record CitedSource(int Position, IReadOnlyList<Citation> Citations)
{
    public Citation First => Citations[0];

    /// <summary>The sentences quoted from the document (the passage when a citation has no quote), each once.</summary>
    public IReadOnlyList<string> Quotes => Citations.Select(c => c.Quote.Length > 0 ? c.Quote : c.Text).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The Teams citation: the document's title and its quoted sentences, within Teams' limits.</summary>
    public CitationClaim Claim => new(Position, new CitationAppearance(
        TeamsCitations.Truncate(First.Title.Length > 0 ? First.Title : First.DocumentId, TeamsCitations.MaxNameLength),
        TeamsCitations.Truncate(TeamsCitations.Collapse(string.Join(" … ", Quotes)), TeamsCitations.MaxAbstractLength),
        TeamsCitations.WebLink(First.Source)));
}
