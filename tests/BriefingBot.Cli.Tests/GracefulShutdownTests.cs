using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Cli.Tests;

/// <summary>SIGTERM lets an answer being written finish, then the process exits cleanly.</summary>
public sealed class GracefulShutdownTests
{
    private const string Levy = "The town council approved a harbour levy of two euros per visiting yacht. The money will pay for repairs to the sea wall, damaged in the January storms.";

    [Fact]
    public async Task Sigterm_DuringSlowAnswer_AnswerArrivesCompleteThenExitZero()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        var ingest = await BotProcess.RunAsync("ingest", folder.File("levy.txt", Levy), "--data", data);
        Assert.Equal(0, ingest.ExitCode);
        await using var model = SlowModel(TimeSpan.FromSeconds(6));
        await using var server = await ServerProcess.StartAsync(data, [.. ModelSettings(model), "--Operations:ShutdownTimeoutSeconds=30"]);

        var watch = Stopwatch.StartNew();
        var ask = server.Http.PostAsJsonAsync("api/ask", new { question = "What will the harbour levy pay for?" }, TestContext.Current.CancellationToken);
        while (model.ChatRequests.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(model.ChatRequests.Count > 0, "the answer should be waiting on the model\n" + server.Output);
        var terminated = watch.Elapsed;
        server.Terminate();
        var response = await ask;
        var answered = watch.Elapsed;
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("answer").GetString()));
        Assert.Equal("What will the harbour levy pay for?", body.RootElement.GetProperty("question").GetString());
        Assert.True(answered - terminated >= TimeSpan.FromSeconds(3), $"the answer came {answered - terminated} after SIGTERM; it should have waited on the model");
        Assert.Equal(0, exitCode);
        Assert.True(server.HasExited);
    }

    [Fact]
    public async Task Sigterm_AnswerOutlastsShutdownTimeout_ProcessStopsAtTheLimit()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        Assert.Equal(0, (await BotProcess.RunAsync("ingest", folder.File("levy.txt", Levy), "--data", data)).ExitCode);
        await using var model = SlowModel(TimeSpan.FromSeconds(60));
        await using var server = await ServerProcess.StartAsync(data, [.. ModelSettings(model), "--Operations:ShutdownTimeoutSeconds=2"]);

        var ask = server.Http.PostAsJsonAsync("api/ask", new { question = "What will the harbour levy pay for?" }, TestContext.Current.CancellationToken);
        var watch = Stopwatch.StartNew();
        while (model.ChatRequests.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        watch.Restart();
        server.Terminate();
        await server.WaitForExitAsync(TimeSpan.FromSeconds(40));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(25));
        await Assert.ThrowsAnyAsync<Exception>(async () => (await ask).EnsureSuccessStatusCode());
    }

    /// <summary>A generative model (none can run here) that takes <paramref name="delay"/> before streaming a short reply.</summary>
    private static ScriptedModelServer SlowModel(TimeSpan delay) => new()
    {
        Fallback = _ => ScriptedResponse.Stream(["The levy pays for ", "repairs to the sea wall [1]."]) with { Delay = delay },
    };

    private static string[] ModelSettings(ScriptedModelServer model) =>
        ["--AI:Provider=OpenAI", $"--AI:Endpoint={model.OpenAIEndpoint}", "--AI:ChatModel=briefing-chat", "--AI:MaxRetries=0", "--AI:FollowUpSuggestions=false"];
}
