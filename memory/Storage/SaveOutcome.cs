namespace BriefingBot.Memory.Storage;

/// <summary>What a save did, decided inside its transaction from the document stored under the id at that moment.</summary>
public enum SaveOutcome
{
    /// <summary>No document had the id; this one was stored.</summary>
    Created,

    /// <summary>An earlier version was replaced.</summary>
    Replaced,

    /// <summary>The stored document already has this content; nothing was written.</summary>
    Unchanged,

    /// <summary>The stored document is not the version the writer required (<see cref="SaveCondition.IfMatch"/>); nothing was written.</summary>
    Conflict,

    /// <summary>The stored document lies outside the writer's <see cref="SaveCondition.Scope"/>; nothing was written.</summary>
    OutOfScope,
}
