using BriefingBot.Memory.Answering;

namespace BriefingBot.Memory.Conversations;

/// <summary>The answer to one turn of a conversation.</summary>
public sealed record ConversationReply
{
    public required string ConversationId { get; init; }

    /// <summary>The turn's number in the conversation.</summary>
    public required int Turn { get; init; }

    /// <summary>The question made self-contained, as it was answered (equal to the question when it already was).</summary>
    public required string StandaloneQuestion { get; init; }

    /// <summary>The answer; <see cref="Answer.Question"/> is the question as the user asked it.</summary>
    public required Answer Answer { get; init; }

    /// <summary>
    /// Up to three follow-up questions (with a model and <c>AI:FollowUpSuggestions</c>), each one the memory can answer,
    /// else empty.
    /// </summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>Whether "tell me more" would bring sentences this conversation has not quoted yet.</summary>
    public bool CanContinue { get; init; }
}
