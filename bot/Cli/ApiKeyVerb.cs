using System.Security.Cryptography;
using System.Text.Json;
using BriefingBot.Bot.Api;
using BriefingBot.Bot.Contracts;
using BriefingBot.Memory.Documents;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>api-key NAME [--tag k=v] [--read-only]</c>: a new random API key, printed once with its SHA-256 hash and the
/// <c>Api:Keys</c> entry to paste into the settings (which keep only the hash).
/// </summary>
internal static class ApiKeyVerb
{
    public const string Prefix = "bbk_";

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        if (args.Positionals.Count != 1 || string.IsNullOrWhiteSpace(args.Positionals[0]))
        {
            throw new CliException("api-key needs the key's name, e.g. api-key cms-europe.");
        }

        var scope = new TagSet();
        foreach (var tag in args.GetAll("tag"))
        {
            scope.Add(tag);
        }

        var key = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var entry = new ApiKeyOptions
        {
            Name = args.Positionals[0].Trim(),
            Hash = ApiKeyAuthenticator.HashHex(key),
            Permissions = args.Has("read-only") ? ["read"] : ["read", "write"],
            Tags = scope.ToDictionary().ToDictionary(t => t.Key, t => t.Value.ToList()),
        };
        var json = JsonSerializer.Serialize(
            new { entry.Name, entry.Hash, entry.Permissions, Tags = entry.Tags.Count > 0 ? entry.Tags : null, entry.Revoked },
            new JsonSerializerOptions(BotJson.Options) { PropertyNamingPolicy = null, WriteIndented = true });
        if (context.Json)
        {
            context.WriteJson(new { key, hash = entry.Hash, entry = JsonDocument.Parse(json).RootElement });
            return 0;
        }

        await context.Output.WriteLineAsync($"""
            Key:  {key}
            Hash: {entry.Hash}

            Give the key to its holder now; it is not stored and cannot be shown again. Add this entry to Api:Keys
            (appsettings.json, user secrets, or the environment as Api__Keys__<n>__Name, __Hash, …):

            {json}
            """.AsMemory(), cancellationToken);
        return 0;
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
