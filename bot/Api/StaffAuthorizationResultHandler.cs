using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Answers a staff caller who lacks a permission with a 403 problem naming what they may not do; challenges and
/// everything else go to the default handling (the scheme's own challenge writes the 401 problem).
/// </summary>
public sealed class StaffAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault(r => r.Handler is StaffPermissionHandler) is { } reason
            ? StaffProblems.WriteAsync(context, StatusCodes.Status403Forbidden, reason.Message)
            : _default.HandleAsync(next, context, policy, authorizeResult);
}
