using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Api;

/// <summary><c>POST /api/search</c>: the query, how many hits (1-100, default 10) and optional tag filters.</summary>
public sealed record SearchBody(string? Query, int? Top, Dictionary<string, List<string>>? Tags)
{
    public MemoryFilter Filter() => TagFilter.From(Tags);
}
