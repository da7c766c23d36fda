namespace BriefingBot.Bot.DirectLine;

/// <summary>Deletes conversations idle for longer than the retention, and old typing and stream updates, at start and then every quarter of the retention (at most every 5 minutes).</summary>
public sealed class DirectLineRetention(ConversationHub hub, DirectLineTurns turns, DirectLineOptions options, TimeProvider time, ILogger<DirectLineRetention> logger)
    : BackgroundService
{
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var deleted = await hub.Store.DeleteIdleAsync(now - options.ConversationRetention, stoppingToken);
                await hub.Store.DeleteTransientAsync(now - TimeSpan.FromMinutes(1), stoppingToken);
                foreach (var id in deleted)
                {
                    hub.Forget(id);
                    turns.Forget(id);
                }

                if (deleted.Count > 0)
                {
                    logger.LogInformation("Deleted {Count} Direct Line conversations idle for more than {Retention}", deleted.Count, options.ConversationRetention);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Direct Line retention sweep failed");
            }

            var interval = TimeSpan.FromTicks(Math.Clamp(options.ConversationRetention.Ticks / 4, TimeSpan.TicksPerSecond, LongestInterval.Ticks));
            await Task.Delay(interval, time, stoppingToken);
        }
    }
}
