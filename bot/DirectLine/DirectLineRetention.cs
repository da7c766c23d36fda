namespace BriefingBot.Bot.DirectLine;

/// <summary>Deletes conversations idle for longer than the retention, and old typing and stream updates, at start and then every few minutes.</summary>
public sealed class DirectLineRetention(ConversationHub hub, DirectLineOptions options, TimeProvider time, ILogger<DirectLineRetention> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var deleted = await hub.Store.DeleteIdleAsync(now - options.ConversationRetention, stoppingToken);
                await hub.Store.DeleteTransientAsync(now - TimeSpan.FromMinutes(1), stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} Direct Line conversations idle for more than {Retention}", deleted, options.ConversationRetention);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Direct Line retention sweep failed");
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }
}
