using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// An OpenAI-compatible HTTP endpoint on loopback, started by a test, answering from a script: queued responses in
/// order, then <see cref="Fallback"/>. Every request is recorded. The real Semantic Kernel connectors talk to it.
/// </summary>
public sealed class ScriptedModelServer : LoopbackHttpServer
{
    private readonly ConcurrentQueue<Func<RecordedRequest, ScriptedResponse>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

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

    protected override async Task HandleAsync(HttpListenerContext context)
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
            await Task.Delay(response.Delay, Stopping);
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
            await context.Response.OutputStream.WriteAsync(bytes, Stopping);
            await context.Response.OutputStream.FlushAsync(Stopping);
        }

        context.Response.Close();
    }
}
