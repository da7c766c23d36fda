namespace BriefingBot.Bot.DirectLine;

/// <summary>Wakes this instance's streams when another instance sharing the Direct Line store appends to a conversation.</summary>
public sealed class DirectLineChangeListener(ConversationHub hub, ILogger<DirectLineChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await hub.Store.WatchAsync(hub.Changed, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Direct Line changes from other instances are no longer watched; their replies reach this instance's streams only at the next keep-alive");
        }
    }
}
