namespace BriefingBot.Bot.Api;

/// <summary>The body of <c>POST /api/briefings</c>: document ids, or a topic searched within tags; and the output format.</summary>
public sealed record BriefingBody
{
    public List<string?>? DocumentIds { get; init; }

    public string? Topic { get; init; }

    public Dictionary<string, List<string>>? Tags { get; init; }

    /// <summary><c>json</c> (default), <c>markdown</c> or <c>docx</c>.</summary>
    public string? Format { get; init; }
}
