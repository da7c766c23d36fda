namespace BriefingBot.Memory.Briefings;

/// <summary>One key point, most important first, with the numbers of the citations that support it.</summary>
public sealed record KeyPoint(string Text, IReadOnlyList<int> Citations);
