namespace BriefingBot.Memory.Conversations;

/// <summary>Conversation settings (section <c>Memory:Conversation</c>).</summary>
public sealed class ConversationOptions
{
    /// <summary>Turns kept per conversation; older ones are deleted. Default 20.</summary>
    public int MaxTurns { get; set; } = 20;

    /// <summary>Recent turns used to make a follow-up question standalone. Default 3.</summary>
    public int ContextTurns { get; set; } = 3;

    /// <summary>Longest conversation id accepted. Default 200 characters.</summary>
    public int MaxIdLength { get; set; } = 200;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxTurns < 1)
        {
            throw new ArgumentException($"Memory:Conversation:MaxTurns must be at least 1 (got {MaxTurns}).");
        }

        if (ContextTurns < 1 || ContextTurns > MaxTurns)
        {
            throw new ArgumentException($"Memory:Conversation:ContextTurns must be between 1 and MaxTurns ({MaxTurns}) (got {ContextTurns}).");
        }

        if (MaxIdLength < 1)
        {
            throw new ArgumentException($"Memory:Conversation:MaxIdLength must be at least 1 (got {MaxIdLength}).");
        }
    }
}
