using BriefingBot.Bot.Activities;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Turns;

/// <summary>Sends a typing activity now and again every interval until disposed.</summary>
public sealed class TypingIndicator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private int _disposed;

    private TypingIndicator(IActivitySender sender, Activity incoming, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = RepeatAsync(sender, incoming, interval, time, logger, _stop.Token);
    }

    /// <summary>Sends the first typing activity (awaited, so it precedes any reply) and starts the repeats.</summary>
    public static async Task<TypingIndicator> StartAsync(
        IActivitySender sender, Activity incoming, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await SendAsync(sender, incoming, logger, cancellationToken);
        return new TypingIndicator(sender, incoming, interval, time, logger, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static async Task RepeatAsync(IActivitySender sender, Activity incoming, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(interval, time, cancellationToken);
            await SendAsync(sender, incoming, logger, cancellationToken);
        }
    }

    private static async Task SendAsync(IActivitySender sender, Activity incoming, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(ActivityReplies.CreateReply(incoming, ActivityTypes.Typing), cancellationToken);
        }
        catch (ActivitySendException e)
        {
            logger.LogDebug(e, "Typing indicator not delivered");
        }
    }
}
