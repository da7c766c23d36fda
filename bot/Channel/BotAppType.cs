namespace BriefingBot.Bot.Channel;

/// <summary>The kind of Azure Bot registration (<c>Bot:MicrosoftAppType</c>).</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}
