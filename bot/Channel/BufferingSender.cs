using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Channel;

/// <summary>Collects a turn's replies to return them in the HTTP response (<c>deliveryMode: expectReplies</c>).</summary>
public sealed class BufferingSender : IActivitySender
{
    private readonly List<Activity> _activities = [];

    public IReadOnlyList<Activity> Activities
    {
        get
        {
            lock (_activities)
            {
                return [.. _activities];
            }
        }
    }

    public Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        lock (_activities)
        {
            _activities.Add(activity);
        }

        return Task.FromResult<string?>(null);
    }
}
