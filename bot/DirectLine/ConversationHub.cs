using System.Collections.Concurrent;
using System.Text.Json;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.DirectLine;

/// <summary>
/// Puts activities into conversations in order: each gets the next sequence number (its watermark), an id
/// <c>{conversation}|{sequence:D7}</c> and a timestamp, is stored, and wakes the streams of its conversation.
/// </summary>
public sealed class ConversationHub(DirectLineStore store, TimeProvider time)
{
    /// <summary>How long typing and stream updates are still worth delivering to a stream that connects late.</summary>
    public static readonly TimeSpan TransientFreshness = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Line> _lines = new(StringComparer.Ordinal);

    public DirectLineStore Store => store;

    /// <summary>
    /// Assigns id, timestamp and conversation, lets <paramref name="identified"/> see the activity with its id, stores it
    /// and notifies the streams; returns the id.
    /// </summary>
    public async Task<string> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken, Action<Activity>? identified = null)
    {
        var line = await LineAsync(conversationId, cancellationToken);
        await line.Gate.WaitAsync(cancellationToken);
        try
        {
            var sequence = line.LastSequence + 1;
            var now = time.GetUtcNow();
            activity.Id = ActivityId(conversationId, sequence);
            activity.Timestamp = now;
            activity.Conversation ??= new ConversationAccount();
            activity.Conversation.Id = conversationId;
            identified?.Invoke(activity);
            var transient = activity.IsType(ActivityTypes.Typing);
            var json = JsonSerializer.Serialize(activity, ActivityJson.Options);
            await store.AppendAsync(conversationId, new StoredActivity(sequence, json, transient), now, cancellationToken);
            line.LastSequence = sequence;
            line.Changed();
            return activity.Id;
        }
        finally
        {
            line.Gate.Release();
        }
    }

    /// <summary>A task that completes at the next append to the conversation (take it before reading, then await it).</summary>
    public async Task<Task> NextChangeAsync(string conversationId, CancellationToken cancellationToken) =>
        (await LineAsync(conversationId, cancellationToken)).NextChange;

    /// <summary>Counts a stream in; false when the conversation already has <paramref name="max"/> open.</summary>
    public bool TryOpenStream(string conversationId, int max)
    {
        var line = _lines.GetOrAdd(conversationId, _ => new Line(-1));
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

    private async Task<Line> LineAsync(string conversationId, CancellationToken cancellationToken)
    {
        var line = _lines.GetOrAdd(conversationId, _ => new Line(-1));
        if (line.LastSequence >= 0)
        {
            return line;
        }

        await line.Gate.WaitAsync(cancellationToken);
        try
        {
            if (line.LastSequence < 0)
            {
                line.LastSequence = await store.LastSequenceAsync(conversationId, cancellationToken);
            }
        }
        finally
        {
            line.Gate.Release();
        }

        return line;
    }

    private sealed class Line(long lastSequence)
    {
        private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long LastSequence { get; set; } = lastSequence;

        public int Streams;

        public Task NextChange => Volatile.Read(ref _change).Task;

        public void Changed() =>
            Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
