namespace BriefingBot.Memory.Briefings;

/// <summary>
/// A model that writes the parts of a briefing that cannot be extracted: open questions and what to watch. It receives
/// the extractive briefing (whose citations it must use) and the source texts. The builder keeps only items whose
/// citation numbers exist; without a writer the section is omitted.
/// </summary>
public interface IBriefingWriter
{
    Task<IReadOnlyList<OpenQuestion>> WriteOpenQuestionsAsync(Briefing draft, IReadOnlyList<BriefingSource> sources, CancellationToken cancellationToken = default);
}
