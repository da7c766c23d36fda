namespace BriefingBot.Bot.Api;

/// <summary>How a staff caller proved who they are.</summary>
public enum StaffCallerKind
{
    /// <summary>No authentication is configured and the call came from loopback.</summary>
    Loopback,

    Key,

    Entra,
}
