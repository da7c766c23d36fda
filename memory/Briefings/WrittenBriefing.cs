namespace BriefingBot.Memory.Briefings;

/// <summary>
/// The parts of a briefing a model wrote. <see cref="KeyPoints"/> is aligned with the draft's key points: entry i
/// replaces key point i, and a null entry (or a missing one) keeps the extractive key point.
/// </summary>
public sealed record WrittenBriefing(IReadOnlyList<KeyPoint?> KeyPoints, IReadOnlyList<OpenQuestion> OpenQuestions);
