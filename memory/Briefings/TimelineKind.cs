namespace BriefingBot.Memory.Briefings;

public enum TimelineKind
{
    /// <summary>Something that happened (or is happening) at the date.</summary>
    Event,

    /// <summary>An announced or expected next step.</summary>
    NextStep,
}
