namespace BriefingBot.Bot.Api;

/// <summary>Endpoint metadata: the staff endpoint accepts bodies up to <paramref name="MaxBodyBytes"/> (see <see cref="StaffBodyLimitMiddleware"/>).</summary>
public sealed record StaffBodyLimit(long MaxBodyBytes);
