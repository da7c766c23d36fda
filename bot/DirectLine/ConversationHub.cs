using BriefingBot.Memory.DirectLine;
using System.Collections.Concurrent;
using System.Text.Json;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.DirectLine;

/// <summary>
/// Puts activities into conversations in order: each gets the next sequence number (its watermark), an id
/// <c>{conversation}|{sequence:D7}</c> and a timestamp, is stored, and wakes the streams of its conversation (here at
/// once; on other instances sharing the store through <see cref="IDirectLineStore.WatchAsync"/>).
/// </summary>
public sealed class ConversationHub(IDirectLineStore store, TimeProvider time)
{
    /// <summary>How long typing and stream updates are still worth delivering to a stream that connects late.</summary>
    public static readonly TimeSpan TransientFreshness = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Line> _lines = new(StringComparer.Ordinal);

    public IDirectLineStore Store => store;

    /// <summary>
    /// Assigns id, timestamp and conversation, lets <paramref name="identified"/> see the activity with its id, stores it
    /// and notifies the streams; returns the id.
    /// </summary>
    public async Task<string> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken, Action<Activity>? identified = null)
    {
        var line = LineOf(conversationId);
        await line.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var transient = activity.IsType(ActivityTypes.Typing);
            await store.AppendAsync(conversationId, transient, now, sequence =>
            {
                activity.Id = ActivityId(conversationId, sequence);
                activity.Timestamp = now;
                activity.Conversation ??= new ConversationAccount();
                activity.Conversation.Id = conversationId;
                identified?.Invoke(activity);
                return JsonSerializer.Serialize(activity, ActivityJson.Options);
            }, cancellationToken);
            line.Changed();
            return activity.Id!;
        }
        finally
        {
            line.Gate.Release();
        }
    }

    /// <summary>A task that completes at the next append to the conversation (take it before reading, then await it).</summary>
    public Task<Task> NextChangeAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(LineOf(conversationId).NextChange);

    /// <summary>Wakes the streams of a conversation another instance appended to; of every conversation when null.</summary>
    public void Changed(string? conversationId)
    {
        if (conversationId is null)
        {
            foreach (var line in _lines.Values)
            {
                line.Changed();
            }
        }
        else if (_lines.TryGetValue(conversationId, out var line))
        {
            line.Changed();
        }
    }

    /// <summary>Counts a stream in; false when the conversation already has <paramref name="max"/> open.</summary>
    public bool TryOpenStream(string conversationId, int max)
    {
        var line = LineOf(conversationId);
        if (Interlocked.Increment(ref line.Streams) <= max)
        {
            return true;
        }

        Interlocked.Decrement(ref line.Streams);
        return false;
    }

    public void CloseStream(string conversationId)
    {
        if (_lines.TryGetValue(conversationId, out var line))
        {
            Interlocked.Decrement(ref line.Streams);
        }
    }

    /// <summary>Forgets the in-memory state of conversations deleted from the store.</summary>
    public void Forget(string conversationId) => _lines.TryRemove(conversationId, out _);

    public static string ActivityId(string conversationId, long sequence) =>
        conversationId + "|" + sequence.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    private Line LineOf(string conversationId) => _lines.GetOrAdd(conversationId, _ => new Line());

    private sealed class Line
    {
        private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Streams;

        public Task NextChange => Volatile.Read(ref _change).Task;

        public void Changed() =>
            Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
