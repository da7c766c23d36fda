using Microsoft.AspNetCore.Authorization;

namespace BriefingBot.Bot.Api;

/// <summary>Grants a <see cref="StaffPermissionRequirement"/> to a caller holding the permission; refuses others with the reason.</summary>
public sealed class StaffPermissionHandler : AuthorizationHandler<StaffPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffPermissionRequirement requirement)
    {
        if (StaffCaller.Of(context.User) is not { } caller)
        {
            return Task.CompletedTask;
        }

        if (caller.Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, caller.Permissions == StaffPermission.None
                ? "The token holds none of the API's app roles."
                : $"'{caller.Name}' may not {(requirement.Permission.HasFlag(StaffPermission.Write) ? "write (upload or delete documents)" : "read")}."));
        }

        return Task.CompletedTask;
    }
}
