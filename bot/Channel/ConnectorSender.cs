using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Channel;

/// <summary>Sends a turn's replies through the Connector API of the channel that sent the activity.</summary>
public sealed class ConnectorSender(ConnectorClient connector) : IActivitySender
{
    public async Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken) =>
        (await connector.SendAsync(activity, cancellationToken))?.Id;
}
