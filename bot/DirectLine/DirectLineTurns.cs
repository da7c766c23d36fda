using System.Collections.Concurrent;
using System.Threading.Channels;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Operations;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.DirectLine;

/// <summary>
/// Hands Direct Line activities to the turn logic in the background, a few at a time; the turns of one conversation
/// run one after another, so its replies go out in order.
/// </summary>
public sealed class DirectLineTurns(BriefingTurnHandler handler, ConversationHub hub, DirectLineOptions options, ILogger<DirectLineTurns> logger)
    : BackgroundService
{
    public const int Capacity = 1000;
    private const int Workers = 4;

    private readonly Channel<QueuedTurn> _queue = System.Threading.Channels.Channel.CreateBounded<QueuedTurn>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _conversations = new(StringComparer.Ordinal);

    /// <summary>The bot's account in Direct Line conversations.</summary>
    public ChannelAccount Bot => new() { Id = options.BotId, Name = options.BotName, Role = "bot" };

    /// <summary>Queues a turn; false when the queue is full.</summary>
    public bool TryEnqueue(QueuedTurn turn) => _queue.Writer.TryWrite(turn);

    /// <summary>Runs a turn now and returns its invoke response (for activities answered in the HTTP response).</summary>
    public async Task<InvokeResponse?> RunAsync(Activity activity, CancellationToken cancellationToken)
    {
        var gate = Gate(activity.Conversation!.Id!);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await handler.HandleAsync(new TurnContext(activity, Sender(activity), CanStream: false) { WebChatClient = true }, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets a deleted conversation's turn order.</summary>
    public void Forget(string conversationId) => _conversations.TryRemove(conversationId, out _);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var (activity, correlationId) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { [CorrelationId.ScopeKey] = correlationId });
            var gate = Gate(activity.Conversation!.Id!);
            await gate.WaitAsync(stoppingToken);
            try
            {
                await handler.HandleAsync(new TurnContext(activity, Sender(activity), CanStream: true) { WebChatClient = true }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Direct Line turn failed: {Type} activity {Id}", activity.Type, activity.Id);
                await TryApologizeAsync(activity, stoppingToken);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private DirectLineSender Sender(Activity activity) => new(hub, activity.Conversation!.Id!, Bot);

    private SemaphoreSlim Gate(string conversationId) => _conversations.GetOrAdd(conversationId, _ => new SemaphoreSlim(1, 1));

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
            await Sender(activity).SendAsync(reply, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not tell the user about the failed turn");
        }
    }
}
