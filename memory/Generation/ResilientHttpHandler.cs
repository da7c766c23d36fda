using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The model's HTTP pipeline: each attempt must see response headers within <see cref="AiOptions.RequestTimeout"/>;
/// 429, 5xx, time-outs and connection failures are retried up to <see cref="AiOptions.MaxRetries"/> times, waiting as
/// <c>Retry-After</c> (or <c>retry-after-ms</c>) says, else with exponential back-off. A wait longer than
/// <see cref="AiOptions.MaxRetryDelay"/> is not made: the failing response is returned instead.
/// </summary>
public sealed class ResilientHttpHandler : DelegatingHandler
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    private readonly AiOptions _options;
    private readonly ILogger _logger;

    public ResilientHttpHandler(AiOptions options, ILogger logger, HttpMessageHandler? inner = null)
        : base(inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        _options = options;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= _options.MaxRetries)
                    {
                        throw new TimeoutException($"The model at {request.RequestUri?.Host} did not respond within {_options.RequestTimeoutSeconds} s.");
                    }

                    _logger.LogWarning("The model did not respond within {Seconds} s; retry {Attempt} of {Max}", _options.RequestTimeoutSeconds, attempt + 1, _options.MaxRetries);
                    await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (HttpRequestException e) when (attempt < _options.MaxRetries && !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning("The model could not be reached ({Error}); retry {Attempt} of {Max}", e.Message, attempt + 1, _options.MaxRetries);
                    await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (!IsTransient(response.StatusCode) || attempt >= _options.MaxRetries)
            {
                return response;
            }

            var delay = RetryAfter(response) ?? Backoff(attempt);
            if (delay > _options.MaxRetryDelay)
            {
                _logger.LogWarning("The model asked to retry after {Delay}, longer than AI:MaxRetryDelaySeconds; not retrying", delay);
                return response;
            }

            _logger.LogWarning("The model answered {Status}; retry {Attempt} of {Max} in {Delay}", (int)response.StatusCode, attempt + 1, _options.MaxRetries, delay);
            response.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static TimeSpan Backoff(int attempt) => FirstBackoff * Math.Pow(2, attempt);

    /// <summary>The wait the server asked for: <c>retry-after-ms</c>, else <c>Retry-After</c> as seconds or a date.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
