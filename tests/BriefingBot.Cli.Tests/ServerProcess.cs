using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BriefingBot.Cli.Tests;

/// <summary>The real bot server (<c>dotnet BriefingBot.Bot.dll</c>) on a free loopback port, its output collected.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(120) };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    /// <summary>Starts the server on <paramref name="data"/> and waits until <c>/health</c> answers.</summary>
    public static Task<ServerProcess> StartAsync(string data, params string[] settings) => StartAsync(data, new Dictionary<string, string>(), settings);

    /// <summary>Starts the server with extra environment variables.</summary>
    public static async Task<ServerProcess> StartAsync(string data, IReadOnlyDictionary<string, string> environment, params string[] settings)
    {
        var port = FreePort();
        var info = BotProcess.StartInfo(["--urls", $"http://127.0.0.1:{port}", "--data", data, .. settings]);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var server = new ServerProcess(Process.Start(info)!, $"http://127.0.0.1:{port}");
        server._process.StandardInput.Close();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {server.ExitCode}:\n{server.Output}");
            }

            try
            {
                using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
                if ((await probe.GetAsync(server.BaseUrl + "/health", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await server.DisposeAsync();
        throw new TimeoutException("The server did not start within 2 minutes.");
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd does to stop a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash or an out-of-memory kill would.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
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

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
