using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace BriefingBot.Cli.Tests;

/// <summary>With an OTLP endpoint configured, the real process exports its spans and metrics to it.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task OtlpHttpEndpoint_Ask_ExportsAskSpanAndAnswerMetric()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        Assert.Equal(0, (await BotProcess.RunAsync("ingest", folder.File("levy.txt", "The council approved a harbour levy to repair the sea wall after the storms."), "--data", data)).ExitCode);
        using var collector = new HttpListener();
        var port = FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var receiving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                try
                {
                    var context = await collector.GetContextAsync();
                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body, TestContext.Current.CancellationToken);
                    received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
                {
                    return;
                }
            }
        }, TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string> { ["OTEL_BSP_SCHEDULE_DELAY"] = "200", ["OTEL_METRIC_EXPORT_INTERVAL"] = "500" };

        await using (var server = await ServerProcess.StartAsync(data, environment, $"--Telemetry:Otlp:Endpoint=http://127.0.0.1:{port}", "--Telemetry:Otlp:Protocol=http/protobuf"))
        {
            var response = await server.Http.PostAsJsonAsync("api/ask", new { question = "Why did the council approve a harbour levy?" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(30) && !(Exported("/v1/traces", "briefingbot.answer.mode")
                && Exported("/v1/metrics", "briefingbot.answer.duration") && Exported("/v1/metrics", "briefingbot.retrieval.hits")))
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        collector.Stop();
        await receiving;
        Assert.True(Exported("/v1/traces", "BriefingBot"), "no trace export naming the BriefingBot source");
        Assert.True(Exported("/v1/traces", "briefingbot.answer.mode"), "the ask span's tags were not exported");
        Assert.True(Exported("/v1/metrics", "briefingbot.answer.duration"), "the answer latency metric was not exported");
        Assert.True(Exported("/v1/metrics", "briefingbot.retrieval.hits"), "the retrieval hits metric was not exported");
        Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));

        bool Exported(string path, string text) =>
            received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtlpEndpointNotAUrl_StartFailsNamingTheSetting()
    {
        using var folder = new TempFolder();

        var run = await BotProcess.RunAsync("--urls", "http://127.0.0.1:0", "--data", folder.Path, "--Telemetry:Otlp:Endpoint=collector without scheme");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Telemetry:Otlp:Endpoint", run.Errors);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
