using BriefingBot.Memory;
using BriefingBot.Memory.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>
/// The real bot server (<see cref="BotServer.Build"/>, Kestrel on a free loopback port) over a fresh memory folder
/// holding the repository's sample briefing plus one web-sourced document; deleted on dispose.
/// </summary>
public sealed class TestBotHost : IAsyncDisposable
{
    private TestBotHost(WebApplication app, string folder)
    {
        App = app;
        DataFolder = folder;
        BaseUrl = app.Urls.First().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public string DataFolder { get; }

    public string BaseUrl { get; }

    public string MessagesUrl => BaseUrl + "/api/messages";

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestBotHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--data", folder, "--Logging:LogLevel:Default=Warning" };
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        var app = BotServer.Build([.. args], configure);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var host = new TestBotHost(app, folder);
        await host.IngestSamplesAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task IngestSamplesAsync()
    {
        var memory = Services.GetRequiredService<BriefingMemory>();
        await memory.IngestAsync(
            new IngestRequest
            {
                DocumentId = "harbour-levy",
                Title = "Council approves harbour levy to repair the sea wall",
                Source = "https://news.example.org/harbour-levy",
                Published = new DateTimeOffset(2025, 3, 4, 0, 0, 0, TimeSpan.Zero),
                Text = """
                    The town council approved a harbour levy of two euros per visiting yacht on Tuesday. The money will pay for repairs to the sea wall, which was damaged in the January storms.

                    The harbour master said the repairs would start in May and take about six months. Fishermen asked for an exemption, which the council refused.
                    """,
            },
            TestContext.Current.CancellationToken);
    }
}
