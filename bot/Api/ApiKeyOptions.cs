namespace BriefingBot.Bot.Api;

/// <summary>One API key: who holds it, the SHA-256 of the key (hex), what it may do and which documents it sees.</summary>
public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    /// <summary>Lower- or upper-case hex of SHA-256 over the key's UTF-8 bytes; the key itself is never stored.</summary>
    public string Hash { get; set; } = "";

    /// <summary><c>read</c> and/or <c>write</c>; both when empty.</summary>
    public List<string> Permissions { get; set; } = [];

    /// <summary>When set, the key sees only documents carrying, for every key here, one of its values.</summary>
    public Dictionary<string, List<string>> Tags { get; set; } = [];

    public bool Revoked { get; set; }
}
