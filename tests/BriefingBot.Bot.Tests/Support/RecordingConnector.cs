using System.Collections.Concurrent;
using BriefingBot.Bot.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>
/// A Bot Connector endpoint on loopback that records every call the bot makes and answers
/// <c>POST …/activities[/{id}]</c> with 201 and a fresh id, or with scripted failures.
/// </summary>
public sealed class RecordingConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RecordedCall> _calls = [];
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private int _ids;

    private RecordingConnector(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The serviceUrl to put on activities (with a trailing slash, as Teams sends it).</summary>
    public string ServiceUrl => BaseUrl + "/";

    /// <summary>Refuse Teams streaming requests as a channel without streaming does (405 BadArgument).</summary>
    public bool RefuseStreaming { get; set; }

    /// <summary>Answer every call with this status (after the scripted failures), e.g. 503.</summary>
    public int? FailAlways { get; set; }

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<RecordingConnector> StartAsync()
    {
        RecordingConnector? connector = null;
        var (app, url) = await LoopbackApp.StartAsync(app => app.Map("/{**path}", (HttpContext context) => connector!.HandleAsync(context)));
        connector = new RecordingConnector(app, url);
        return connector;
    }

    public void FailNext(int status, string? retryAfter = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>Waits until the calls satisfy <paramref name="done"/>; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(Func<IReadOnlyList<RecordedCall>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var calls = Calls;
            if (done(calls))
            {
                return calls;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"The bot did not post what was expected in time; it posted {calls.Count}:\n" + string.Join("\n", calls.Select(c => $"{c.Method} {c.RawTarget} {c.Status} {c.Body}")));
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until a <c>message</c> activity has been accepted, and returns the calls up to then.</summary>
    public Task<IReadOnlyList<RecordedCall>> WaitForMessageAsync(int count = 1) =>
        WaitForAsync(calls => calls.Count(c => c.Status < 300 && c.Activity.IsType(ActivityTypes.Message)) >= count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        int status;
        string? id = null;
        if (RefuseStreaming && body.Contains("\"streaminfo\"", StringComparison.Ordinal) && body.Contains("\"type\":\"typing\"", StringComparison.Ordinal))
        {
            lock (_calls)
            {
                _calls.Add(new RecordedCall(context.Request.Method, raw, context.Request.Headers.Authorization.FirstOrDefault(), body, DateTimeOffset.UtcNow, 405, null));
            }

            context.Response.StatusCode = 405;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "BadArgument", message = "Streaming API is not enabled for non personal scope or non copilot conversations." } });
            return;
        }

        if (_failures.TryDequeue(out var failure))
        {
            status = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }
        }
        else if (FailAlways is { } always)
        {
            status = always;
        }
        else
        {
            status = StatusCodes.Status201Created;
            id = $"act-{Interlocked.Increment(ref _ids)}";
        }

        lock (_calls)
        {
            _calls.Add(new RecordedCall(context.Request.Method, raw, context.Request.Headers.Authorization.FirstOrDefault(), body, DateTimeOffset.UtcNow, status, id));
        }

        context.Response.StatusCode = status;
        if (id is not null)
        {
            await context.Response.WriteAsJsonAsync(new { id });
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new { error = new { code = "ServiceError", message = "scripted failure" } });
        }
    }
}
