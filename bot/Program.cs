using BriefingBot.Bot;
using BriefingBot.Bot.Cli;

if (args.Length > 0 && CliApp.IsVerb(args[0]))
{
    using var cancellation = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancellation.Cancel();
    };
    var configuration = BotConfiguration.Build(args);
    return await CliApp.RunAsync(args, configuration, Console.Out, Console.Error, cancellation.Token);
}

if (args.Length > 0 && CliApp.IsUnknownVerb(args[0]))
{
    return await CliApp.ReportUnknownVerbAsync(args[0], Console.Error);
}

var serveArgs = args.Length > 0 && args[0] == "serve" ? args[1..] : args;
WebApplication app;
try
{
    app = BotServer.Build(serveArgs);
}
catch (Exception e) when (e is InvalidOperationException or BriefingBot.Memory.Generation.AiConfigurationException or BriefingBot.Memory.Storage.MemoryStoreException)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}

await app.RunAsync();
return Environment.ExitCode;
