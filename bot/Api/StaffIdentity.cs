using System.Security.Claims;

namespace BriefingBot.Bot.Api;

/// <summary>The identity a staff scheme signs in: the <see cref="StaffCaller"/>, with its name and permissions as claims.</summary>
public sealed class StaffIdentity : ClaimsIdentity
{
    public const string PermissionClaim = "staff_permission";

    public StaffIdentity(StaffCaller caller, string scheme)
        : base(ClaimsOf(caller), scheme)
    {
        Caller = caller;
    }

    public StaffCaller Caller { get; }

    private static IEnumerable<Claim> ClaimsOf(StaffCaller caller)
    {
        yield return new Claim(ClaimTypes.Name, caller.Name);
        foreach (var permission in new[] { StaffPermission.Read, StaffPermission.Write }.Where(caller.Has))
        {
            yield return new Claim(PermissionClaim, permission.ToString().ToLowerInvariant());
        }
    }
}
