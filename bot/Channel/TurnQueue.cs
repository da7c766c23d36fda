using System.Threading.Channels;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Operations;
using BriefingBot.Bot.Turns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// Turns acknowledged to the channel and handled in the background by <see cref="BotOptions.Concurrency"/> workers;
/// turns of one conversation run one after another, in the order they arrived.
/// </summary>
public sealed class TurnQueue(BriefingTurnHandler handler, ConnectorClient connector, BotOptions options, ILogger<TurnQueue> logger) : BackgroundService
{
    public const int Capacity = 1000;

    private readonly Channel<QueuedTurn> _queue = System.Threading.Channels.Channel.CreateBounded<QueuedTurn>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    private readonly Dictionary<string, ConversationGate> _conversations = new(StringComparer.Ordinal);
    private int _pending;

    /// <summary>Turns queued or running.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues a turn; false when the queue is full.</summary>
    public bool TryEnqueue(QueuedTurn turn)
    {
        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite(turn))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Concurrency)).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var (activity, correlationId) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { [CorrelationId.ScopeKey] = correlationId });
            var key = BriefingTurnHandler.ConversationKey(activity);
            var gate = Enter(key);
            try
            {
                await gate.Semaphore.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                Leave(key, gate, acquired: false);
                return;
            }

            try
            {
                await handler.HandleAsync(new TurnContext(activity, new ConnectorSender(connector), CanStream: true), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Turn failed: {Type} activity {Id} in {Conversation}", activity.Type, activity.Id, key);
                await TryApologizeAsync(activity, stoppingToken);
            }
            finally
            {
                Leave(key, gate, acquired: true);
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private ConversationGate Enter(string key)
    {
        lock (_conversations)
        {
            if (!_conversations.TryGetValue(key, out var gate))
            {
                _conversations[key] = gate = new ConversationGate();
            }

            gate.Users++;
            return gate;
        }
    }

    private void Leave(string key, ConversationGate gate, bool acquired)
    {
        if (acquired)
        {
            gate.Semaphore.Release();
        }

        lock (_conversations)
        {
            if (--gate.Users == 0)
            {
                _conversations.Remove(key);
                gate.Semaphore.Dispose();
            }
        }
    }

    private async Task TryApologizeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!activity.IsType(ActivityTypes.Message))
        {
            return;
        }

        try
        {
            var reply = ActivityReplies.CreateReply(activity);
            reply.Text = "Sorry, something went wrong while answering. Please try again.";
            await connector.SendAsync(reply, cancellationToken);
        }
        catch (Exception e) when (e is ActivitySendException or HttpRequestException)
        {
            logger.LogWarning(e, "Could not tell the user about the failed turn");
        }
    }

    private sealed class ConversationGate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
