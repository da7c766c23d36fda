using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>Prompts offered as <c>imBack</c> suggested actions (Teams shows at most three).</summary>
public static class SuggestedFollowUps
{
    public const int Max = 3;

    public static SuggestedActions? For(IEnumerable<string> prompts)
    {
        var actions = prompts.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().Take(Max).Select(CardAction.ImBack).ToList();
        return actions.Count == 0 ? null : new SuggestedActions { Actions = actions };
    }
}
