namespace BriefingBot.Bot.Api;

/// <summary>Endpoint metadata: the endpoint is a staff endpoint needing <paramref name="Permission"/>, with bodies up to <paramref name="MaxBodyBytes"/>.</summary>
public sealed record StaffAccess(StaffPermission Permission, long MaxBodyBytes);
