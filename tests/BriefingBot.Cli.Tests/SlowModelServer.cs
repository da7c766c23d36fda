using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace BriefingBot.Cli.Tests;

/// <summary>
/// An OpenAI-compatible chat endpoint on loopback that waits <see cref="Delay"/> before streaming a short reply; it
/// stands in for a slow generative model (none can run here). <see cref="ChatRequests"/> counts the calls received.
/// </summary>
internal sealed class SlowModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _chatRequests;

    public SlowModelServer(TimeSpan delay)
    {
        Delay = delay;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public TimeSpan Delay { get; }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}/v1";

    public int ChatRequests => Volatile.Read(ref _chatRequests);

    /// <summary>Settings that point the bot at this server.</summary>
    public string[] Settings => ["--AI:Provider=OpenAI", $"--AI:Endpoint={Endpoint}", "--AI:ChatModel=briefing-chat", "--AI:MaxRetries=0", "--AI:FollowUpSuggestions=false"];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                await reader.ReadToEndAsync();
            }

            if (context.Request.Url!.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _chatRequests);
            }

            await Task.Delay(Delay, _stop.Token);
            context.Response.ContentType = "text/event-stream";
            context.Response.SendChunked = true;
            foreach (var delta in new[] { "The levy pays for ", "repairs to the sea wall [1]." })
            {
                await WriteAsync(context, Chunk(new { role = "assistant", content = delta }, null));
            }

            await WriteAsync(context, Chunk(new { }, "stop"));
            await WriteAsync(context, "data: [DONE]\n\n");
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }
    }

    private static string Chunk(object delta, string? finish) => "data: " + JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion.chunk",
        created = 1700000000,
        model = "briefing-chat",
        choices = new[] { new { index = 0, delta, finish_reason = finish } },
    }) + "\n\n";

    private async Task WriteAsync(HttpListenerContext context, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
        await context.Response.OutputStream.FlushAsync(_stop.Token);
    }
}
