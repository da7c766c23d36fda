namespace BriefingBot.Memory.Jobs;

/// <summary>How long a failed job waits before it is taken again: 2, 4, 8… seconds after its 1st, 2nd, 3rd… attempt, at most 64.</summary>
public static class JobRetry
{
    public const long BaseMilliseconds = 1000;

    public const int MaxExponent = 6;

    public static TimeSpan Delay(int attempts) => TimeSpan.FromMilliseconds(BaseMilliseconds << Math.Clamp(attempts, 1, MaxExponent));
}
