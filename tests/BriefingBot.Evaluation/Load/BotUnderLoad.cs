using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BriefingBot.Evaluation.Load;

/// <summary>
/// The real bot: its built dll run as a separate process with <c>--urls http://127.0.0.1:&lt;free port&gt;</c> and
/// <c>--data</c> a given folder, and the CLI (the same dll with a verb) on the same folder.
/// </summary>
internal sealed class BotUnderLoad : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;

    private BotUnderLoad(Process process, Uri baseAddress, Task drain)
    {
        _process = process;
        BaseAddress = baseAddress;
        _drain = drain;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Builds the bot (Release) so the dll is the current code; returns its path.</summary>
    public static async Task<string> BuildAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("Building the bot (Release)…");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", Path.Combine(workspace.Repository, "bot"), "-c", "Release", "--nologo", "-v", "q" })
        {
            info.ArgumentList.Add(arg);
        }

        using var build = Process.Start(info)!;
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the bot failed:\n{await output.ConfigureAwait(false)}{await errors.ConfigureAwait(false)}");
        }

        var dll = Path.Combine(workspace.Repository, "bot", "bin", "Release", "net10.0", "BriefingBot.Bot.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The build made no {dll}.");
    }

    public static ProcessStartInfo Command(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Starts the server and waits until <c>/health</c> answers (the model and the memory are loaded).</summary>
    public static async Task<BotUnderLoad> StartAsync(
        string dll, string dataFolder, IReadOnlyDictionary<string, string> environment, TextWriter log, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var process = Process.Start(Command(dll, environment, "--urls", baseAddress.ToString().TrimEnd('/'), "--data", dataFolder))
            ?? throw new InvalidOperationException("The bot process did not start.");
        var drain = Task.WhenAll(CopyAsync(process.StandardOutput, log), CopyAsync(process.StandardError, log));
        var bot = new BotUnderLoad(process, baseAddress, drain);
        try
        {
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The bot exited with code {process.ExitCode} before it was ready; see its log.");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return bot;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(3))
                {
                    throw new TimeoutException("The bot did not answer /health within 3 minutes.");
                }

                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await bot.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        await _drain.ConfigureAwait(false);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task CopyAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (to)
            {
                to.WriteLine(line);
            }
        }
    }
}
