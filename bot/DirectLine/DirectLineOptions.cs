namespace BriefingBot.Bot.DirectLine;

/// <summary>The bot's own Direct Line 3.0 service and web chat page (section <c>DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>Serves Direct Line, the chat page and the embed script. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Site secrets that may call <c>tokens/generate</c> and start conversations (a site's backend keeps them).
    /// Empty: the server makes one at start-up for its own page and never shows it.
    /// </summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Origins (<c>https://example.org</c>) whose pages may embed the chat and call Direct Line from the browser.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The HMAC key (base64, ≥ 32 bytes) that signs tokens. Empty: a random key kept in the data folder.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The file, in the memory's data folder, holding conversations, activities and uploads.</summary>
    public string StoreFile { get; set; } = "directline.db";

    /// <summary>
    /// The largest size of the SQLite store file, in MB (<c>PRAGMA max_page_count</c>). 0 means no limit besides the disk.
    /// A write that would pass it is refused (503) and changes nothing.
    /// </summary>
    public double MaxStoreMegabytes { get; set; }

    internal long MaxStoreBytes => (long)(MaxStoreMegabytes * 1024 * 1024);

    /// <summary>How long a token is valid. Default 30 min (clients refresh every 15 min).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a conversation is kept after its last activity. Default 24 h.</summary>
    public TimeSpan ConversationRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Largest activity a client may post, in bytes. Default 256 KB.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Largest upload (all files of one message), in bytes. Default 4 MB.</summary>
    public int MaxUploadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Activities and uploads one client (token) may post per minute; a burst of up to a third of it at once. Default 30.</summary>
    public int PostsPerMinute { get; set; } = 30;

    /// <summary>Reads (polling, reconnects, refreshes) one client may make per minute. Default 300.</summary>
    public int ReadsPerMinute { get; set; } = 300;

    /// <summary>Activities and uploads one client address may post per minute, whatever its tokens; a burst of a third at once. Default 120.</summary>
    public int PostsPerMinutePerAddress { get; set; } = 120;

    /// <summary>Reads one client address may make per minute, whatever its tokens. Default 1200.</summary>
    public int ReadsPerMinutePerAddress { get; set; } = 1200;

    /// <summary>Tokens and new conversations one IP address may obtain per minute. Default 20.</summary>
    public int TokensPerMinute { get; set; } = 20;

    /// <summary>Open streams per conversation. Default 4.</summary>
    public int MaxStreamsPerConversation { get; set; } = 4;

    /// <summary>Activities returned by one polling request. Default 100.</summary>
    public int MaxActivitiesPerRead { get; set; } = 100;

    /// <summary>The bot's account in Direct Line conversations.</summary>
    public string BotId { get; set; } = "briefingbot";

    public string BotName { get; set; } = "BriefingBot";

    /// <summary>The problems that make these settings unusable, empty when there are none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Secrets.Any(s => string.IsNullOrWhiteSpace(s) || s.Length < 16))
        {
            problems.Add("DirectLine:Secrets must each be at least 16 characters long.");
        }

        foreach (var origin in AllowedOrigins)
        {
            if (DirectLineOrigins.Normalize(origin) is null)
            {
                problems.Add($"DirectLine:AllowedOrigins '{origin}' is not an origin such as https://example.org.");
            }
        }

        if (SigningKey is { Length: > 0 } key && DecodeKey(key) is not { Length: >= 32 })
        {
            problems.Add("DirectLine:SigningKey must be base64 of at least 32 bytes.");
        }

        if (MaxStoreMegabytes < 0)
        {
            problems.Add("DirectLine:MaxStoreMegabytes must be 0 (no limit) or more.");
        }

        if (TokenLifetime <= TimeSpan.Zero || ConversationRetention <= TimeSpan.Zero)
        {
            problems.Add("DirectLine:TokenLifetime and DirectLine:ConversationRetention must be positive.");
        }

        if (MaxActivityBytes < 1024 || MaxUploadBytes < 1024 || PostsPerMinute < 1 || ReadsPerMinute < 1 || TokensPerMinute < 1
            || PostsPerMinutePerAddress < 1 || ReadsPerMinutePerAddress < 1
            || MaxStreamsPerConversation < 1 || MaxActivitiesPerRead < 1)
        {
            problems.Add("DirectLine size and rate limits must be positive (sizes at least 1024 bytes).");
        }

        return problems;
    }

    internal static byte[]? DecodeKey(string key)
    {
        try
        {
            return Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
