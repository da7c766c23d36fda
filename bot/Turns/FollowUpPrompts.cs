using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// Follow-ups offered after an answer without a model's suggestions: "Tell me more" when the memory has more to say
/// about it (never a prompt the bot would decline), then the sources; the commands when nothing was found.
/// </summary>
public static class FollowUpPrompts
{
    public const int Max = 3;
    public const string TellMeMore = "Tell me more";

    public static IReadOnlyList<string> For(Answer answer, bool canContinue)
    {
        if (answer.NoResult)
        {
            return [TurnCommands.Sources, TurnCommands.Help];
        }

        return canContinue ? [TellMeMore, TurnCommands.Sources] : [TurnCommands.Sources];
    }
}
