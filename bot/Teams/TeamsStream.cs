using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Teams;

/// <summary>
/// A Teams streamed reply: an informative update, then the text so far at most once per <c>interval</c>, each
/// request sent after the previous one was answered, then the final message. When Teams refuses the stream, the
/// final message goes out as an ordinary reply.
/// </summary>
public sealed class TeamsStream(IActivitySender sender, Activity incoming, TimeSpan interval, TimeProvider time)
{
    private string? _streamId;
    private int _sequence;
    private long _lastSent;
    private bool _failed;
    private string _lastText = "";
    private int? _lastFailureStatus;

    public string? StreamId => _streamId;

    /// <summary>The channel refused to start the stream (streaming is not available in this conversation).</summary>
    public bool Refused { get; private set; }

    /// <summary>Number of streaming requests sent (informative and text updates).</summary>
    public int Updates => _sequence;

    public async Task StartAsync(string informativeText, CancellationToken cancellationToken)
    {
        var id = await TrySendAsync(StreamInfoEntity.Informative, informativeText, cancellationToken);
        if (id is null)
        {
            _failed = true;
            Refused = _lastFailureStatus is 400 or 403 or 405;
            return;
        }

        _streamId = id;
    }

    /// <summary>Sends <paramref name="textSoFar"/> unless the last request was less than the interval ago.</summary>
    public async Task UpdateAsync(string textSoFar, CancellationToken cancellationToken)
    {
        if (_failed || _streamId is null || textSoFar.Length == 0 || textSoFar == _lastText
            || time.GetElapsedTime(_lastSent) < interval)
        {
            return;
        }

        if (await TrySendAsync(StreamInfoEntity.Streaming, textSoFar, cancellationToken) is null)
        {
            _failed = true;
        }
        else
        {
            _lastText = textSoFar;
        }
    }

    /// <summary>Sends the final message, closing the stream when one is open; returns the id of the final message.</summary>
    public async Task<string?> FinishAsync(Activity final, CancellationToken cancellationToken)
    {
        if (!_failed && _streamId is not null)
        {
            var entities = final.Entities ?? [];
            entities.Insert(0, Entity.From(new StreamInfoEntity(StreamInfoEntity.Final, null, _streamId) { StreamResult = "success" }));
            final.Entities = entities;
            try
            {
                return await sender.SendAsync(final, cancellationToken) ?? _streamId;
            }
            catch (ActivitySendException)
            {
                final.Entities.RemoveAt(0);
                if (final.Entities.Count == 0)
                {
                    final.Entities = null;
                }
            }
        }

        return await sender.SendAsync(final, cancellationToken);
    }

    private async Task<string?> TrySendAsync(string streamType, string text, CancellationToken cancellationToken)
    {
        var sequence = _sequence + 1;
        var chunk = ActivityReplies.CreateReply(incoming, ActivityTypes.Typing);
        chunk.Text = text;
        chunk.Entities = [Entity.From(new StreamInfoEntity(streamType, sequence, _streamId))];
        try
        {
            var id = await sender.SendAsync(chunk, cancellationToken);
            _sequence = sequence;
            _lastSent = time.GetTimestamp();
            return id ?? _streamId;
        }
        catch (ActivitySendException e)
        {
            _lastFailureStatus = e.Status;
            return null;
        }
    }
}
