using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>
/// The Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, pinned) run headless on loopback as
/// the Teams channel of a bot, with telemetry off and every exchange written to an events recording.
/// </summary>
public sealed partial class PlaygroundProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PlaygroundProcess(Process process, int port, string recording)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
        RecordingFile = recording;
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public string RecordingFile { get; }

    public HttpClient Http { get; }

    public static async Task<PlaygroundProcess> StartAsync(string botMessagesUrl, string workFolder)
    {
        var recording = Path.Combine(workFolder, "playground.events");
        var port = FreePort();
        var process = NodePeers.Start(
            "node",
            [Path.Combine(NodePeers.Folder!, "node_modules", "@microsoft", "m365agentsplayground", "cli.js"), "-e", botMessagesUrl, "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt", "--er"],
            workFolder,
            new Dictionary<string, string>
            {
                ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true",
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["M365_AGENTS_PLAYGROUND_RECORDING_FILE"] = recording,
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workFolder, "playground.log"),
            });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new PlaygroundProcess(process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), recording);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The playground exited before listening: " + await process.StandardError.ReadToEndAsync(CancellationToken.None));
    }

    public async Task<JsonElement> ConfigAsync() =>
        (await Http.GetFromJsonAsync<JsonElement>("_internal/v1/config", TestContext.Current.CancellationToken)).GetProperty("config");

    /// <summary>Every exchange recorded so far (request and response in both directions), oldest first.</summary>
    public IReadOnlyList<JsonElement> Events()
    {
        if (!File.Exists(RecordingFile))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(RecordingFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }

        var events = new List<JsonElement>();
        foreach (var part in Separator().Split(text))
        {
            var json = part.Trim();
            if (json.Length == 0)
            {
                continue;
            }

            try
            {
                events.Add(JsonDocument.Parse(json).RootElement.Clone());
            }
            catch (JsonException)
            {
                // The last entry may be half written.
            }
        }

        return events;
    }

    public async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var events = Events();
            if (done(events))
            {
                return events;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail("The playground did not record what was expected; it recorded:\n" + string.Join("\n", events.Select(e => e.GetRawText()[..Math.Min(400, e.GetRawText().Length)])));
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
