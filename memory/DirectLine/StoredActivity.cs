namespace BriefingBot.Memory.DirectLine;

/// <summary>One activity of a conversation as kept: its place in the conversation (the watermark) and its JSON.</summary>
public sealed record StoredActivity(long Sequence, string Json, bool Transient);
