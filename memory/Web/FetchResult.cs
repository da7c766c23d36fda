namespace BriefingBot.Memory.Web;

public enum FetchStatus
{
    /// <summary>The body was read.</summary>
    Fetched,

    /// <summary>304: the copy the caller holds (its ETag or Last-Modified) is current.</summary>
    NotModified,

    /// <summary>429 or 503: the server asked to come back later (<see cref="FetchResult.RetryAfter"/> when it said when).</summary>
    RetryLater,

    /// <summary>Not fetched by the fetcher's own rules: a non-public address, <c>robots.txt</c>, a scheme that is not http(s).</summary>
    Refused,

    /// <summary>The server or the network failed: an error status, a timeout, a redirect loop, an oversized body.</summary>
    Failed,
}

/// <summary>What one fetch brought back; <see cref="Error"/> says why when nothing was fetched.</summary>
public sealed record FetchResult
{
    public required FetchStatus Status { get; init; }

    /// <summary>The address finally read, after redirects.</summary>
    public required Uri Url { get; init; }

    public int? HttpStatus { get; init; }

    /// <summary>The media type of the body, lower case (<c>text/html</c>).</summary>
    public string? MediaType { get; init; }

    public string? Charset { get; init; }

    public ReadOnlyMemory<byte> Content { get; init; }

    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public string? Error { get; init; }

    public bool Succeeded => Status == FetchStatus.Fetched;
}

/// <summary>What the caller holds from an earlier fetch, sent as <c>If-None-Match</c> / <c>If-Modified-Since</c>.</summary>
public sealed record FetchValidators(string? ETag, string? LastModified);
