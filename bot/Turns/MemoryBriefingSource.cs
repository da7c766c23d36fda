using BriefingBot.Memory;
using BriefingBot.Memory.Briefings;

namespace BriefingBot.Bot.Turns;

/// <summary>Builds briefings from the memory with <see cref="BriefingBuilder"/>.</summary>
public sealed class MemoryBriefingSource(BriefingMemory memory) : IBriefingSource
{
    public Task<Briefing> BriefAsync(string topic, CancellationToken cancellationToken) =>
        new BriefingBuilder(memory).BuildAsync(BriefingRequest.ForTopic(topic), cancellationToken);
}
