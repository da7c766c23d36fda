using System.Text.RegularExpressions;

namespace BriefingBot.Memory.Web;

/// <summary>
/// The rules of a site's <c>robots.txt</c> for one user agent (RFC 9309): the group naming the agent's product token,
/// else the <c>*</c> group; the longest matching <c>Allow</c>/<c>Disallow</c> path wins, <c>Allow</c> on a tie;
/// <c>*</c> matches any characters and a final <c>$</c> the end of the path.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(bool Allow, string Pattern, Regex Matcher)> _rules;

    private RobotsTxt(List<(bool, string, Regex)> rules) => _rules = rules;

    /// <summary>No rules: everything may be fetched (no file, or a 4xx for it).</summary>
    public static RobotsTxt AllowAll { get; } = new([]);

    /// <summary>Nothing may be fetched (the file could not be read: a 5xx or no answer).</summary>
    public static RobotsTxt DisallowAll { get; } = new([(false, "/", Compile("/"))]);

    public static RobotsTxt Parse(string text, string userAgent)
    {
        var token = ProductToken(userAgent);
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var field = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (field == "user-agent")
            {
                if (!lastWasAgent || current is null)
                {
                    current = ([], []);
                    groups.Add(current.Value);
                }

                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
            }
            else if (field is "allow" or "disallow" && current is not null)
            {
                lastWasAgent = false;
                if (value.Length > 0)
                {
                    current.Value.Rules.Add((field == "allow", value));
                }
            }
            else
            {
                lastWasAgent = false;
            }
        }

        var mine = groups.Where(g => g.Agents.Contains(token)).ToList();
        var chosen = mine.Count > 0 ? mine : groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsTxt(chosen.SelectMany(g => g.Rules).Select(r => (r.Item1, r.Item2, Compile(r.Item2))).ToList());
    }

    /// <summary>Whether the path (with its query) may be fetched.</summary>
    public bool Allows(string pathAndQuery)
    {
        var path = pathAndQuery.Length == 0 ? "/" : pathAndQuery;
        var best = (Allow: true, Length: -1);
        foreach (var (allow, pattern, matcher) in _rules)
        {
            if (matcher.IsMatch(path) && (pattern.Length > best.Length || (pattern.Length == best.Length && allow)))
            {
                best = (allow, pattern.Length);
            }
        }

        return best.Allow;
    }

    private static string ProductToken(string userAgent) =>
        userAgent.Split(['/', ' '], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() ?? "";

    private static Regex Compile(string pattern)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        var regex = "^" + string.Join(".*", body.Split('*').Select(Regex.Escape)) + (anchored ? "$" : "");
        return new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }
}
