using System.Diagnostics;
using System.Text;

namespace BriefingBot.Cli.Tests;

/// <summary>Runs the real bot executable (the built BriefingBot.Bot.dll) as a separate process.</summary>
internal static class BotProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "BriefingBot.Bot.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Bot__LoadSamplesWhenEmpty"] = "false";
        return info;
    }

    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the executable with settings given as environment variables (<c>Section__Key</c>).</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(args);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
