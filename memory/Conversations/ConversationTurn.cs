namespace BriefingBot.Memory.Conversations;

/// <summary>One question and its answer in a conversation, as stored.</summary>
public sealed record ConversationTurn
{
    public required string ConversationId { get; init; }

    /// <summary>1 for the first turn, increasing; numbers survive the pruning of older turns.</summary>
    public required int Number { get; init; }

    /// <summary>The question as the user asked it.</summary>
    public required string Question { get; init; }

    /// <summary>The question made self-contained, as it was answered.</summary>
    public required string StandaloneQuestion { get; init; }

    /// <summary>The answer text, with its <c>[n]</c> markers.</summary>
    public required string Answer { get; init; }

    public required bool NoResult { get; init; }

    public required string Mode { get; init; }

    public required DateTimeOffset Created { get; init; }
}
