using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Storage.Postgres;
using Npgsql;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Cli.Tests.Replicas;

/// <summary>
/// Two real bot processes on different loopback ports sharing one PostgreSQL database, as two replicas behind a load
/// balancer: whatever one starts, the other continues.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-replicas", Guid.NewGuid().ToString("N"));
    private readonly List<IAsyncDisposable> _owned = [];
    private TestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _owned.Reverse();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task DirectLine_ConversationStartedOnA_ContinuesOnBAndAsStreamOnASeesTheReply()
    {
        var (a, b) = await StartPairAsync();

        using var generate = Request(HttpMethod.Post, "/v3/directline/tokens/generate", Replica.Secret);
        var generated = await ReadJsonAsync(await a.Http.SendAsync(generate, Ct));
        using var start = Request(HttpMethod.Post, "/v3/directline/conversations", generated.GetProperty("token").GetString()!);
        var started = await ReadJsonAsync(await a.Http.SendAsync(start, Ct));
        var conversationId = started.GetProperty("conversationId").GetString()!;
        var token = started.GetProperty("token").GetString()!;
        var streamUrl = started.GetProperty("streamUrl").GetString()!;
        Assert.StartsWith($"ws://127.0.0.1:{a.Port}/", streamUrl);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), Ct);
        var streamed = ReceiveUntilAsync(socket, TimeSpan.FromSeconds(90));

        using var post = Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token);
        post.Content = JsonContent.Create(new { type = "message", from = new { id = "reader-1" }, text = "What does Russia want from Nato?" });
        var posted = await ReadJsonAsync(await b.Http.SendAsync(post, Ct));
        var postedId = posted.GetProperty("id").GetString()!;
        Assert.StartsWith(conversationId + "|", postedId);

        var reply = await PollForReplyAsync(b, conversationId, token, postedId);
        Assert.False(string.IsNullOrWhiteSpace(reply.Activity.GetProperty("text").GetString()));
        Assert.Contains("[1]", reply.Activity.GetProperty("text").GetString());

        using (var later = Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={reply.Watermark}", token))
        {
            var after = await ReadJsonAsync(await a.Http.SendAsync(later, Ct));
            Assert.DoesNotContain(after.GetProperty("activities").EnumerateArray(), x => x.GetProperty("id").GetString() == reply.Activity.GetProperty("id").GetString());
            Assert.True(long.Parse(after.GetProperty("watermark").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= reply.Watermark);
        }

        var seen = await streamed.WaitAsync(TimeSpan.FromSeconds(90), Ct);
        Assert.Contains(seen, x => x.GetProperty("id").GetString() == postedId);
        Assert.Contains(seen, x => x.GetProperty("id").GetString() == reply.Activity.GetProperty("id").GetString());
        var ids = seen.Select(x => x.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Ask_ConversationContinuedOnTheOtherReplica_KeepsOneHistory()
    {
        var (a, b) = await StartPairAsync();
        var conversationId = "replicated-" + Guid.NewGuid().ToString("N")[..8];

        var first = await ReadJsonAsync(await a.Http.PostAsJsonAsync("/api/ask", new { question = "What does Russia want from Nato?", conversationId }, Ct));
        var second = await ReadJsonAsync(await b.Http.PostAsJsonAsync("/api/ask", new { question = "And what does Washington intend?", conversationId }, Ct));
        var third = await ReadJsonAsync(await a.Http.PostAsJsonAsync("/api/ask", new { question = "When will the talks open?", conversationId }, Ct));

        Assert.Equal(1, first.GetProperty("turn").GetInt32());
        Assert.Equal(2, second.GetProperty("turn").GetInt32());
        Assert.Equal(3, third.GetProperty("turn").GetInt32());
        Assert.False(first.GetProperty("noResult").GetBoolean());
        using var reset = await b.Http.DeleteAsync($"/api/conversations/{conversationId}", Ct);
        Assert.Equal(3, (await ReadJsonAsync(reset)).GetProperty("forgottenTurns").GetInt32());
    }

    [Fact]
    public async Task IngestJobs_EnqueuedOnceInTheSharedDatabase_EachRunByExactlyOneReplica()
    {
        var (a, b) = await StartPairAsync();
        var jobs = new PostgresJobStore(_dataSource!);
        var sample = await File.ReadAllBytesAsync(RepositorySample(), Ct);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var payload = JobJson.Serialize(new IngestJobPayload { FileName = "talks.md", DocumentId = $"job-doc-{i}", Title = $"Talks, copy {i}" });
            ids.Add((await jobs.EnqueueAsync(new NewJob(IngestJobHandler.Kind, payload, sample), Ct)).Id);
        }

        foreach (var id in ids)
        {
            var done = await WaitFinishedAsync(jobs, id, a, b);
            Assert.Equal((JobState.Succeeded, 1), (done.State, done.Attempts));
            var runs = new[] { a, b }.Sum(r => Occurrences(r.Log, $"Running ingest job {id}"));
            Assert.Equal(1, runs);
        }

        Assert.Equal(4L, await _database!.ScalarAsync<long>("SELECT count(*) FROM documents WHERE id LIKE 'job-doc-%'", Ct));
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM documents d WHERE d.id LIKE 'job-doc-%' AND d.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.document_id = d.id)", Ct));
    }

    [Fact]
    public async Task IngestJob_DatabaseConnectionDroppedMidSave_DocumentAbsentThenJobRetriedAndComplete()
    {
        var (a, b) = await StartPairAsync();
        var jobs = new PostgresJobStore(_dataSource!);
        const string documentId = "dropped-mid-save";

        await using var blocker = await _dataSource!.OpenConnectionAsync(Ct);
        await using var hold = await blocker.BeginTransactionAsync(Ct);
        await using (var share = new NpgsqlCommand("LOCK TABLE chunks IN SHARE MODE", blocker, hold))
        {
            await share.ExecuteNonQueryAsync(Ct);
        }

        var payload = JobJson.Serialize(new IngestJobPayload { FileName = "talks.md", DocumentId = documentId, Title = "Talks" });
        var job = await jobs.EnqueueAsync(new NewJob(IngestJobHandler.Kind, payload, await File.ReadAllBytesAsync(RepositorySample(), Ct)), Ct);

        var terminated = 0L;
        var clock = Stopwatch.StartNew();
        while (terminated == 0 && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            terminated = await _database!.ScalarAsync<long>(
                $"""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = '{_database.Name}' AND query LIKE 'COPY chunks%' AND wait_event_type = 'Lock'
                """, Ct);
            await Task.Delay(100, Ct);
        }

        Assert.True(terminated == 1, "the ingesting backend was never seen writing the chunks");
        Assert.Equal(0L, await _database!.ScalarAsync<long>($"SELECT count(*) FROM documents WHERE id = '{documentId}'", Ct));
        await hold.RollbackAsync(Ct);

        var done = await WaitFinishedAsync(jobs, job.Id, a, b);
        Assert.Equal(JobState.Succeeded, done.State);
        Assert.Equal(2, done.Attempts);
        Assert.NotNull(done.Error);
        var stored = await _database!.ScalarAsync<int>($"SELECT chunk_count FROM documents WHERE id = '{documentId}'", Ct);
        Assert.True(stored > 0);
        Assert.Equal((long)stored, await _database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{documentId}'", Ct));
    }

    private static async Task<JobRecord> WaitFinishedAsync(PostgresJobStore jobs, string id, Replica a, Replica b)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (await jobs.GetAsync(id, Ct) is { IsFinished: true } done)
            {
                return done;
            }

            await Task.Delay(250, Ct);
        }

        throw new TimeoutException($"Job {id} did not finish.\nA:\n{a.Log}\nB:\n{b.Log}");
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<(Replica A, Replica B)> StartPairAsync()
    {
        _database = await TestDatabase.CreateAsync(Ct);
        _owned.Add(_database);
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _owned.Add(_dataSource);
        Directory.CreateDirectory(_folder);
        await IngestSampleAsync(_database);
        var starting = new[] { Replica.StartAsync(_database, Path.Combine(_folder, "a"), Ct), Replica.StartAsync(_database, Path.Combine(_folder, "b"), Ct) };
        var replicas = await Task.WhenAll(starting);
        _owned.AddRange(replicas);
        return (replicas[0], replicas[1]);
    }

    private async Task IngestSampleAsync(TestDatabase database)
    {
        var info = BotProcess.StartInfo("ingest", RepositorySample(), "--json");
        foreach (var (name, value) in Replica.Settings(database, Path.Combine(_folder, "cli")))
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"ingest failed ({process.ExitCode}): {await output}\n{await errors}");
    }

    private static string RepositorySample()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var sample = Path.Combine(folder.FullName, "samples", "us-russia-security-talks.md");
            if (File.Exists(sample))
            {
                return sample;
            }
        }

        throw new FileNotFoundException("samples/us-russia-security-talks.md was not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(JsonElement Activity, long Watermark)> PollForReplyAsync(Replica replica, string conversationId, string token, string postedId)
    {
        var watermark = "";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            using var get = Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
            var set = await ReadJsonAsync(await replica.Http.SendAsync(get, Ct));
            watermark = set.GetProperty("watermark").GetString() ?? watermark;
            foreach (var activity in set.GetProperty("activities").EnumerateArray())
            {
                if (activity.GetProperty("type").GetString() == "message"
                    && activity.GetProperty("from").GetProperty("role").GetString() == "bot"
                    && activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == postedId)
                {
                    return (activity.Clone(), long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            await Task.Delay(250, Ct);
        }

        throw new TimeoutException($"No reply to {postedId} was polled from the replica on port {replica.Port}:\n{replica.Log}");
    }

    /// <summary>Reads activity sets from the stream until one holds the bot's reply to a user's message.</summary>
    private static async Task<List<JsonElement>> ReceiveUntilAsync(ClientWebSocket socket, TimeSpan limit)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(limit);
        var seen = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return seen;
            }

            if (frame.Length == 0)
            {
                continue;
            }

            using var set = JsonDocument.Parse(frame.ToArray());
            seen.AddRange(set.RootElement.GetProperty("activities").EnumerateArray().Select(x => x.Clone()));
            if (seen.Any(x => x.GetProperty("type").GetString() == "message" && x.TryGetProperty("replyToId", out var to)
                && seen.Any(u => u.GetProperty("id").GetString() == to.GetString() && u.GetProperty("from").GetProperty("role").GetString() == "user")))
            {
                return seen;
            }
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string bearer)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
