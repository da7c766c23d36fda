using BriefingBot.Bot.Contracts;

namespace BriefingBot.Bot.Api;

/// <summary>One page of <c>GET /api/documents</c>; <see cref="Next"/> is the cursor of the next page, absent on the last.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentResponse> Documents, string? Next, string? NextUrl);
