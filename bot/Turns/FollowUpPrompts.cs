using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Turns;

/// <summary>Follow-up questions offered after an answer: more from each cited document, or the commands when nothing was found.</summary>
public static class FollowUpPrompts
{
    public const int Max = 3;
    private const int MaxTitleLength = 40;

    public static IReadOnlyList<string> For(Answer answer)
    {
        if (answer.NoResult)
        {
            return [TurnCommands.Sources, TurnCommands.Help];
        }

        return answer.Citations
            .Select(c => c.Title.Trim())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(Max - 1)
            .Select(t => $"What else does “{Shorten(t)}” say?")
            .Append(TurnCommands.Sources)
            .ToList();
    }

    private static string Shorten(string title) =>
        title.Length <= MaxTitleLength ? title : title[..(title.LastIndexOf(' ', MaxTitleLength) is > 15 and var cut ? cut : MaxTitleLength)].TrimEnd() + "…";
}
