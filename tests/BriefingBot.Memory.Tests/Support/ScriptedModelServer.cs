using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// An OpenAI-compatible HTTP endpoint on loopback, started by a test, answering from a script: queued responses in
/// order, then <see cref="Fallback"/>. Every request is recorded. The real Semantic Kernel connectors talk to it.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Func<RecordedRequest, ScriptedResponse>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScriptedModelServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The base URL of the OpenAI-style API (ending in <c>/v1</c>).</summary>
    public string OpenAIEndpoint => $"http://127.0.0.1:{Port}/v1";

    /// <summary>The root URL, as an Azure OpenAI resource endpoint.</summary>
    public string AzureEndpoint => $"http://127.0.0.1:{Port}/";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public IReadOnlyList<RecordedRequest> ChatRequests => _requests.Where(r => r.IsChat).ToList();

    /// <summary>Answers requests once the queue is empty; by default a 500 error.</summary>
    public Func<RecordedRequest, ScriptedResponse> Fallback { get; set; } = _ => ScriptedResponse.Error(500, "nothing scripted");

    public ScriptedModelServer Then(ScriptedResponse response) => Then(_ => response);

    public ScriptedModelServer Then(Func<RecordedRequest, ScriptedResponse> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

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
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k] ?? "");
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, body);
            _requests.Enqueue(request);
            var response = _script.TryDequeue(out var next) ? next(request) : Fallback(request);
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token);
            }

            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (response.ContentType == "text/event-stream")
            {
                context.Response.SendChunked = true;
            }

            foreach (var part in response.Parts)
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
                await context.Response.OutputStream.FlushAsync(_stop.Token);
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away (a time-out test) or the server is stopping.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
