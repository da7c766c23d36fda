namespace BriefingBot.Bot.Api;

/// <summary>What a staff caller may do: read (ask, search, list and get documents, briefings) or write (upload, delete).</summary>
[Flags]
public enum StaffPermission
{
    None = 0,
    Read = 1,
    Write = 2,
    All = Read | Write,
}
