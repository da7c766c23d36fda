namespace BriefingBot.Bot.Contracts;

/// <summary>
/// The name a client gave an uploaded file, reduced to a bare file name: the last segment after any '/' or '\'
/// (browsers on Windows may send a full path), without control characters, at most 200 characters. Never a path.
/// </summary>
public static class ClientFileName
{
    public const int MaxLength = 200;

    public static string Clean(string? given)
    {
        var name = given ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        name = name.Trim('.').Length == 0 ? "" : name;
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }
}
