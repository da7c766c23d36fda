namespace BriefingBot.Bot.Activities;

/// <summary>An @mention: <c>{"type":"mention","mentioned":{id,name},"text":"&lt;at&gt;Name&lt;/at&gt;"}</c>.</summary>
public sealed record MentionEntity(ChannelAccount? Mentioned, string? Text)
{
    public string Type => "mention";
}
