using Microsoft.AspNetCore.Authorization;

namespace BriefingBot.Bot.Api;

/// <summary>The staff caller must hold <paramref name="Permission"/> (see <see cref="StaffPermissionHandler"/>).</summary>
public sealed record StaffPermissionRequirement(StaffPermission Permission) : IAuthorizationRequirement;
