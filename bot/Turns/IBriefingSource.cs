using BriefingBot.Memory.Briefings;

namespace BriefingBot.Bot.Turns;

/// <summary>Cited briefings on a topic, for the <c>brief</c> command.</summary>
public interface IBriefingSource
{
    Task<Briefing> BriefAsync(string topic, CancellationToken cancellationToken);
}
