using Microsoft.AspNetCore.Mvc;

namespace BriefingBot.Bot.Api;

/// <summary>Conventions of the staff endpoints.</summary>
public static class StaffEndpointExtensions
{
    /// <summary>Bodies over <paramref name="maxBodyBytes"/> are refused with 413 (see <see cref="StaffBodyLimitMiddleware"/>).</summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder builder, long maxBodyBytes) =>
        builder.WithMetadata(new StaffBodyLimit(maxBodyBytes));

    /// <summary>Documents the refusals of the staff schemes and policies (401, 403) on every endpoint of the group.</summary>
    public static RouteGroupBuilder ProducesStaffRefusals(this RouteGroupBuilder group) => group.WithMetadata(
        new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]),
        new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
}
