using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Api;

/// <summary>
/// <c>POST /api/ask</c>: the question, optional tag filters, an optional conversation to ask within, and whether to
/// stream the answer as server-sent events.
/// </summary>
public sealed record AskBody(string? Question, Dictionary<string, List<string>>? Tags, string? ConversationId = null, bool Stream = false)
{
    public MemoryFilter Filter() => TagFilter.From(Tags);
}
