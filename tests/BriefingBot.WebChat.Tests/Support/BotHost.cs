using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot;
using Microsoft.AspNetCore.Builder;

namespace BriefingBot.WebChat.Tests.Support;

/// <summary>The real bot server on a loopback port, with its memory (the sample briefing) in a temporary data folder.</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsFolder;

    private BotHost(WebApplication app, string dataFolder, bool ownsFolder)
    {
        _app = app;
        DataFolder = dataFolder;
        _ownsFolder = ownsFolder;
        BaseUrl = app.Urls.First(u => u.StartsWith("http://127.0.0.1", StringComparison.Ordinal)).TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }

    public string DirectLineUrl => BaseUrl + "/v3/directline";

    public string DataFolder { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server; <paramref name="settings"/> are <c>Key=Value</c> configuration overrides.</summary>
    public static async Task<BotHost> StartAsync(string? dataFolder = null, params string[] settings)
    {
        var owns = dataFolder is null;
        dataFolder ??= Path.Combine(Path.GetTempPath(), "briefingbot-webchat-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--data", dataFolder,
            "--Logging:LogLevel:Default=Warning",
            "--Bot:Turns:StreamInterval=00:00:00.050",
            .. settings.Select(s => "--" + s),
        ];
        var app = BotServer.Build(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new BotHost(app, dataFolder, owns);
    }

    /// <summary>A token for the bot's own page, as the page gets it.</summary>
    public async Task<PageToken> PageTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add("Origin", BaseUrl);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new PageToken(body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>A started conversation (its welcome on the way) and its token.</summary>
    public async Task<PageToken> StartConversationAsync()
    {
        var token = await PageTokenAsync();
        using var response = await SendAsync(HttpMethod.Post, "/conversations", token.Token, new { user = new { id = "user-test" } });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return token;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(method, DirectLineUrl + path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = body is HttpContent content ? content : JsonContent.Create(body);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostMessageAsync(PageToken token, string text, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"/conversations/{conversationId ?? token.ConversationId}/activities", token.Token,
            new { type = "message", from = new { id = "user-test" }, text, channelData = new { clientActivityID = Guid.NewGuid().ToString("N") } });

    /// <summary>Polls the conversation's activities until <paramref name="done"/> holds or 30 s pass.</summary>
    public async Task<List<JsonElement>> ActivitiesAsync(PageToken token, Func<List<JsonElement>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}/activities?watermark=", token.Token);
            response.EnsureSuccessStatusCode();
            var set = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            var activities = set.GetProperty("activities").EnumerateArray().ToList();
            if (done(activities) || DateTime.UtcNow > until)
            {
                return activities;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The conversation's stored turns, oldest first: each question as asked and as it was answered (made standalone).</summary>
    public async Task<List<(string Question, string Standalone)>> StoredTurnsAsync(string conversationId)
    {
        var turns = new List<(string, string)>();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataFolder, "memory.db")};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT question, standalone FROM conversation_turns WHERE conversation_id LIKE $id ORDER BY number";
        command.Parameters.AddWithValue("$id", "%" + conversationId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            turns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return turns;
    }

    /// <summary>Adds a document through the staff API (loopback needs no key) and waits until it is ingested.</summary>
    public async Task AddDocumentAsync(string id, string title, string text)
    {
        using var response = await Http.PostAsJsonAsync("/api/documents", new { documents = new[] { new { id, title, text } } }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_ownsFolder)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
