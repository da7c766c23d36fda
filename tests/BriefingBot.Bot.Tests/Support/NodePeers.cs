using System.Diagnostics;
using System.Security.Cryptography;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>
/// The npm packages of <c>peers/package.json</c> (the Bot Framework JS SDK and the Microsoft 365 Agents Playground),
/// installed once at test time into a folder under the temp directory keyed by the package list; never committed.
/// Tests skip with <see cref="SkipReason"/> when Node.js or the npm registry is unavailable.
/// </summary>
public static class NodePeers
{
    private static readonly Lazy<(string? Folder, string Reason)> Installed = new(Install);

    public static string? Folder => Installed.Value.Folder;

    public static string SkipReason => Installed.Value.Reason;

    public static string Script(string name) => Path.Combine(Folder!, name);

    /// <summary>Runs a program to completion, returning its exit code and output.</summary>
    public static async Task<(int Code, string Output, string Errors)> RunAsync(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        using var process = Start(file, args, workingDirectory, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await output, await errors + $"\n(timed out after {timeout})");
        }

        return (process.ExitCode, await output, await errors);
    }

    public static Process Start(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    private static (string? Folder, string Reason) Install()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "peers");
        var manifest = File.ReadAllText(Path.Combine(source, "package.json"));
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(manifest)))[..16].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-peers", key);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        if (Which("node") is null || Which("npm") is null)
        {
            return (null, "Node.js and npm are not installed, so the npm peers (botbuilder, the Agents Playground) cannot run");
        }

        var done = Path.Combine(folder, "node_modules", ".installed");
        if (File.Exists(done))
        {
            return (folder, "");
        }

        using var mutex = new Mutex(false, "briefingbot-peers-" + key);
        mutex.WaitOne();
        try
        {
            if (File.Exists(done))
            {
                return (folder, "");
            }

            var (code, output, errors) = RunAsync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], folder, null, TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
            if (code != 0)
            {
                return (null, $"npm install of the peers failed (exit {code}): {Last(errors + output, 400)}");
            }

            File.WriteAllText(done, DateTimeOffset.UtcNow.ToString("O"));
            return (folder, "");
        }
        finally
        {
            mutex.ReleaseMutex();
        }
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string Last(string text, int length) => text.Length <= length ? text : text[^length..];
}
