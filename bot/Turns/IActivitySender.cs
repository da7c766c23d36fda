using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>Where a turn's outgoing activities go: a channel's Connector API, a response body, a Direct Line stream.</summary>
public interface IActivitySender
{
    /// <summary>Sends one activity and returns the id the channel gave it (null where the channel gives none).</summary>
    /// <exception cref="ActivitySendException">The channel refused or could not be reached.</exception>
    Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken);
}
