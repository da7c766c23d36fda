using BriefingBot.Memory.Briefings;

namespace BriefingBot.Bot.Turns;

/// <summary>Builds briefings on a topic with the configured <see cref="BriefingBuilder"/>.</summary>
public sealed class MemoryBriefingSource(BriefingBuilder briefings) : IBriefingSource
{
    public Task<Briefing> BriefAsync(string topic, CancellationToken cancellationToken) =>
        briefings.BuildAsync(BriefingRequest.ForTopic(topic), cancellationToken);
}
