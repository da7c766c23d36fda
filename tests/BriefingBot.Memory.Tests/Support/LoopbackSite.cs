using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// A web site on loopback that a test writes: paths mapped to responses (any status, headers, body, gzip, a delay).
/// Every request is recorded with its headers. Unmapped paths answer 404.
/// </summary>
public sealed class LoopbackSite : LoopbackHttpServer
{
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, SiteResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public IReadOnlyList<RecordedRequest> RequestsFor(string path) => _requests.Where(r => r.Path == path).ToList();

    public LoopbackSite Map(string path, Func<RecordedRequest, SiteResponse> respond)
    {
        _routes[path] = respond;
        return this;
    }

    public LoopbackSite Map(string path, SiteResponse response) => Map(path, _ => response);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k] ?? "");
        var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, "");
        _requests.Enqueue(request);
        var response = _routes.TryGetValue(request.Path, out var respond) ? respond(request) : SiteResponse.Status(404);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, Stopping);
        }

        context.Response.StatusCode = response.Code;
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        var body = response.Body;
        if (response.Gzip)
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(body);
            }

            body = packed.ToArray();
            context.Response.Headers["Content-Encoding"] = "gzip";
        }

        if (response.Code != 304 && body.Length > 0)
        {
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, Stopping);
        }

        context.Response.Close();
    }
}

/// <summary>One response of a <see cref="LoopbackSite"/>.</summary>
public sealed record SiteResponse
{
    public int Code { get; init; } = 200;

    public string? ContentType { get; init; }

    public byte[] Body { get; init; } = [];

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool Gzip { get; init; }

    public TimeSpan Delay { get; init; }

    public static SiteResponse Html(string html, params (string Name, string Value)[] headers) => new()
    {
        ContentType = "text/html; charset=utf-8",
        Body = Encoding.UTF8.GetBytes(html),
        Headers = headers.ToDictionary(h => h.Name, h => h.Value),
    };

    public static SiteResponse Text(string contentType, string body) => new() { ContentType = contentType, Body = Encoding.UTF8.GetBytes(body) };

    public static SiteResponse Status(int code, params (string Name, string Value)[] headers) =>
        new() { Code = code, ContentType = "text/plain", Body = Encoding.UTF8.GetBytes(code.ToString(System.Globalization.CultureInfo.InvariantCulture)), Headers = headers.ToDictionary(h => h.Name, h => h.Value) };

    public static SiteResponse Redirect(string location, int code = 302) => new() { Code = code, Headers = new Dictionary<string, string> { ["Location"] = location } };
}
