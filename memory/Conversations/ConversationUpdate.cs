namespace BriefingBot.Memory.Conversations;

/// <summary>One step of a streamed conversational answer: text deltas, then the final <see cref="ConversationReply"/>.</summary>
public sealed record ConversationUpdate
{
    public string? Delta { get; init; }

    public ConversationReply? Final { get; init; }

    public bool IsFinal => Final is not null;
}
