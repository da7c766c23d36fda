namespace BriefingBot.Memory.Briefings;

/// <summary>An open question or something to watch, written by a model and grounded in the cited passages.</summary>
public sealed record OpenQuestion(string Text, IReadOnlyList<int> Citations);
