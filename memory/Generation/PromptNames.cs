namespace BriefingBot.Memory.Generation;

/// <summary>The prompt functions of <c>prompts/</c>, one folder each (<c>skprompt.txt</c> and <c>config.json</c>).</summary>
public static class PromptNames
{
    public const string PluginName = "Briefing";

    public const string GroundedAnswer = "GroundedAnswer";

    public const string StandaloneQuestion = "StandaloneQuestion";

    public const string FollowUpSuggestions = "FollowUpSuggestions";

    public const string BriefingProse = "BriefingProse";

    public static IReadOnlyList<string> All { get; } = [GroundedAnswer, StandaloneQuestion, FollowUpSuggestions, BriefingProse];
}
