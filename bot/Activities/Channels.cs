namespace BriefingBot.Bot.Activities;

/// <summary>Known <c>channelId</c> values.</summary>
public static class Channels
{
    public const string MsTeams = "msteams";
    public const string Emulator = "emulator";
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
}
