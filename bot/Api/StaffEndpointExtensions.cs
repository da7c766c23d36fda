namespace BriefingBot.Bot.Api;

/// <summary>Marks an endpoint as a staff endpoint (see <see cref="StaffAuthenticationMiddleware"/>).</summary>
public static class StaffEndpointExtensions
{
    /// <summary>Requires a caller with <paramref name="permission"/>; bodies over <paramref name="maxBodyBytes"/> are refused with 413.</summary>
    public static RouteHandlerBuilder RequireStaff(this RouteHandlerBuilder builder, StaffPermission permission, long maxBodyBytes) =>
        builder.WithMetadata(new StaffAccess(permission, maxBodyBytes))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
