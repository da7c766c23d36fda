using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Cli.Tests.Replicas;

/// <summary>
/// One bot server process (the real BriefingBot.Bot.dll) on its own loopback port, its memory, conversations and
/// jobs in a shared PostgreSQL database; killed when disposed.
/// </summary>
internal sealed class Replica : IAsyncDisposable
{
    public const string Secret = "replica-site-secret-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private Replica(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>What the process has written so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Settings for a process sharing <paramref name="database"/>.</summary>
    public static Dictionary<string, string> Settings(TestDatabase database, string dataFolder) => new()
    {
        ["Memory__Store"] = "Postgres",
        ["ConnectionStrings__Postgres"] = database.ConnectionString,
        ["DirectLine__Secrets__0"] = Secret,
        ["Bot__LoadSamplesWhenEmpty"] = "false",
        ["Memory__DataFolder"] = dataFolder,
    };

    /// <summary>Starts a server and waits until <c>/health</c> answers.</summary>
    public static async Task<Replica> StartAsync(
        TestDatabase database, string dataFolder, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var info = BotProcess.StartInfo("--urls", $"http://127.0.0.1:{port}");
        foreach (var (name, value) in Settings(database, dataFolder))
        {
            info.Environment[name] = value;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var replica = new Replica(Process.Start(info)!, port);
        try
        {
            await replica.WaitHealthyAsync(cancellationToken);
            return replica;
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot on port {Port} exited ({_process.ExitCode}):\n{Log}");
            }

            try
            {
                using var response = await Http.GetAsync("/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The bot on port {Port} did not become healthy:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
