namespace BriefingBot.Memory.Briefings;

/// <summary>
/// A model that writes the parts of a briefing prose can improve: the key points rewritten as prose, and the open
/// questions and what to watch, which cannot be extracted. It receives the extractive briefing (whose citation numbers
/// it must use) and the source texts. The builder keeps only items whose citation numbers exist, and keeps the
/// extractive key point wherever the written one is missing or rejected; without a writer nothing is written.
/// </summary>
public interface IBriefingWriter
{
    /// <summary>What the model wrote and the checks kept, or null when the model could not write (the draft stands).</summary>
    Task<WrittenBriefing?> WriteAsync(Briefing draft, IReadOnlyList<BriefingSource> sources, CancellationToken cancellationToken = default);
}
