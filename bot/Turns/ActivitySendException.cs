namespace BriefingBot.Bot.Turns;

/// <summary>A channel refused an outgoing activity (<see cref="Status"/> set) or could not be reached.</summary>
public sealed class ActivitySendException(string message, int? status = null, string? code = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? Status { get; } = status;

    /// <summary>The channel's error code, e.g. <c>ContentStreamNotAllowed</c>.</summary>
    public string? Code { get; } = code;
}
