using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace BriefingBot.Memory.Web;

/// <summary>
/// A polite, safe HTTP client for pages and feeds: it names the product in its user agent, honours
/// <c>robots.txt</c>, sends conditional requests, takes gzip/brotli, follows at most
/// <see cref="FetchOptions.MaxRedirects"/> redirects (http and https only, loops refused), stops at
/// <see cref="FetchOptions.MaxBytes"/> and <see cref="FetchOptions.Timeout"/>, and connects only to public addresses
/// unless <see cref="FetchOptions.AllowPrivateNetworks"/> (the address is checked after DNS, at connect time, on every
/// hop). Server errors are results, never exceptions; only cancellation by the caller throws.
/// </summary>
public sealed class WebFetcher : IDisposable
{
    private const long MaxRobotsBytes = 512 * 1024;
    private static readonly TimeSpan RobotsLifetime = TimeSpan.FromHours(1);

    private readonly FetchOptions _options;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (RobotsTxt Rules, DateTimeOffset Expires)> _robots = new(StringComparer.OrdinalIgnoreCase);

    public WebFetcher(FetchOptions options, TimeProvider? time = null)
    {
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _time = time ?? TimeProvider.System;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectAsync,
            UseCookies = false,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Fetches <paramref name="url"/>; with <paramref name="validators"/>, a current copy answers <see cref="FetchStatus.NotModified"/>.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, FetchValidators? validators = null, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await FetchCoreAsync(url, validators, _options.MaxBytes, checkRobots: _options.HonourRobotsTxt, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(url, null, $"timed out after {_options.Timeout.TotalSeconds:0.#} s (Feeds:Timeout)");
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<FetchResult> FetchCoreAsync(Uri url, FetchValidators? validators, long maxBytes, bool checkRobots, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
            {
                return Refused(current, $"only http and https addresses are fetched, not {current.Scheme}:");
            }

            if (!seen.Add(current.AbsoluteUri))
            {
                return Failed(current, null, "redirect loop");
            }

            if (checkRobots && !(await RobotsForAsync(current, cancellationToken).ConfigureAwait(false)).Allows(current.PathAndQuery))
            {
                return Refused(current, $"robots.txt of {current.Host} does not allow {current.PathAndQuery}");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.5");
            if (validators?.ETag is { Length: > 0 } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (validators?.LastModified is { Length: > 0 } modified)
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            }

            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (Find<AddressRefusedException>(e) is { } refused)
            {
                return Refused(current, refused.Message);
            }
            catch (HttpRequestException e)
            {
                return Failed(current, null, e.InnerException?.Message ?? e.Message);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                {
                    if (hop >= _options.MaxRedirects)
                    {
                        return Failed(current, status, $"more than {_options.MaxRedirects} redirects (Feeds:MaxRedirects)");
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new FetchResult { Status = FetchStatus.NotModified, Url = current, HttpStatus = status, ETag = validators?.ETag, LastModified = validators?.LastModified };
                }

                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    return new FetchResult
                    {
                        Status = FetchStatus.RetryLater, Url = current, HttpStatus = status, RetryAfter = RetryAfter(response.Headers.RetryAfter),
                        Error = $"{status} {response.ReasonPhrase}: the server asked to come back later",
                    };
                }

                if (!response.IsSuccessStatusCode)
                {
                    return Failed(current, status, $"{status} {response.ReasonPhrase}");
                }

                if (response.Content.Headers.ContentLength > maxBytes)
                {
                    return Failed(current, status, $"{response.Content.Headers.ContentLength:N0} bytes is over the limit of {maxBytes:N0} (Feeds:MaxBytes)");
                }

                var body = await ReadLimitedAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
                if (body is null)
                {
                    return Failed(current, status, $"the body is over the limit of {maxBytes:N0} bytes (Feeds:MaxBytes)");
                }

                return new FetchResult
                {
                    Status = FetchStatus.Fetched,
                    Url = current,
                    HttpStatus = status,
                    MediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(),
                    Charset = response.Content.Headers.ContentType?.CharSet,
                    Content = body,
                    ETag = response.Headers.ETag?.ToString(),
                    LastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
                };
            }
        }
    }

    private async Task<RobotsTxt> RobotsForAsync(Uri url, CancellationToken cancellationToken)
    {
        var site = url.GetLeftPart(UriPartial.Authority);
        var now = _time.GetUtcNow();
        if (_robots.TryGetValue(site, out var cached) && cached.Expires > now)
        {
            return cached.Rules;
        }

        var result = await FetchCoreAsync(new Uri(site + "/robots.txt"), null, MaxRobotsBytes, checkRobots: false, cancellationToken).ConfigureAwait(false);
        var rules = result switch
        {
            { Status: FetchStatus.Fetched } => RobotsTxt.Parse(System.Text.Encoding.UTF8.GetString(result.Content.Span), _options.UserAgent),
            { Status: FetchStatus.Refused } => RobotsTxt.AllowAll, // the page itself is then refused for the same reason
            { HttpStatus: >= 400 and < 500 } and not { Status: FetchStatus.RetryLater } => RobotsTxt.AllowAll,
            _ => RobotsTxt.DisallowAll, // unreachable, 5xx or 429: assume nothing is allowed for now (RFC 9309)
        };
        _robots[site] = (rules, now + (ReferenceEquals(rules, RobotsTxt.DisallowAll) ? TimeSpan.FromMinutes(5) : RobotsLifetime));
        return rules;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = _options.AllowPrivateNetworks ? addresses : addresses.Where(NetworkGuard.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(addresses.Length == 0
                ? $"{host} does not resolve"
                : $"{host} resolves to a non-public address ({addresses[0]}); set Feeds:AllowPrivateNetworks=true to fetch from private networks");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static FetchResult Refused(Uri url, string why) => new() { Status = FetchStatus.Refused, Url = url, Error = why };

    private static FetchResult Failed(Uri url, int? status, string why) => new() { Status = FetchStatus.Failed, Url = url, HttpStatus = status, Error = why };

    private sealed class AddressRefusedException(string message) : Exception(message);
}
