using System.Diagnostics;

namespace BriefingBot.WebChat.Tests.Support;

/// <summary>
/// The real third-party clients (botframework-directlinejs, playwright-core) installed by
/// <c>scripts/install-test-deps.sh</c> into <c>clients/node_modules</c>, and Debian's Chromium.
/// </summary>
public static class TestClients
{
    public const string Chromium = "/usr/bin/chromium";

    public static string Repository { get; } = FindRepository();

    public static string Folder => Path.Combine(Repository, "tests", "BriefingBot.WebChat.Tests", "clients");

    public static string Artifacts => Path.Combine(Repository, ".artifacts", "webchat");

    /// <summary>Why the Node clients cannot run, or null when they can.</summary>
    public static string? NodeMissing =>
        !OnPath("node") ? "node is not installed: run scripts/install-test-deps.sh (it installs Node packages and Chromium)."
        : !Directory.Exists(Path.Combine(Folder, "node_modules", "botframework-directlinejs"))
            ? "botframework-directlinejs is not installed in tests/BriefingBot.WebChat.Tests/clients: run scripts/install-test-deps.sh."
            : null;

    /// <summary>Why the browser test cannot run, or null when it can.</summary>
    public static string? BrowserMissing =>
        NodeMissing
        ?? (!File.Exists(Chromium) ? "Chromium is not installed at /usr/bin/chromium: run scripts/install-test-deps.sh (apt-get install chromium)." : null)
        ?? (!Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core")) ? "playwright-core is not installed: run scripts/install-test-deps.sh." : null)
        ?? (!BriefingBot.Bot.WebChat.WebChatPage.BundlePresent
            ? "webchat.js is missing from the build output: the build could not fetch botframework-webchat from npm (no registry and no npm cache)."
            : null);

    public static async Task<(int ExitCode, string Output, string Errors)> RunNodeAsync(
        string script, IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}: {await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BriefingBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (BriefingBot.sln) is not above " + AppContext.BaseDirectory);
    }
}
