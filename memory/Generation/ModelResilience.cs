using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The model's HTTP pipeline, built with Microsoft.Extensions.Http.Resilience: each attempt must see response headers
/// within <see cref="AiOptions.RequestTimeout"/>; 408, 429, 5xx, time-outs and connection failures are retried up to
/// <see cref="AiOptions.MaxRetries"/> times, waiting as <c>Retry-After</c> (or <c>retry-after-ms</c>) says, else with
/// exponential back-off from 500 ms. A wait longer than <see cref="AiOptions.MaxRetryDelay"/> is not made: the failing
/// response is returned instead.
/// </summary>
public static class ModelResilience
{
    public static HttpMessageHandler CreateHandler(AiOptions options, ILogger logger, HttpMessageHandler? inner = null) =>
        new ResilienceHandler(Pipeline(options, logger))
        {
            InnerHandler = inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(AiOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options, logger)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response) : null),
                OnRetry = args =>
                {
                    logger.LogWarning("The model {Failure}; retry {Attempt} of {Max} in {Delay}",
                        args.Outcome.Result is { } response ? $"answered {(int)response.StatusCode}" : $"failed ({args.Outcome.Exception?.Message})",
                        args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Timeout = options.RequestTimeout,
            OnTimeout = _ =>
            {
                logger.LogWarning("The model did not respond within {Seconds} s", options.RequestTimeoutSeconds);
                return default;
            },
        }).Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, AiOptions options, ILogger logger)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        if (outcome.Result is { } response && RetryAfter(response) is { } delay && delay > options.MaxRetryDelay)
        {
            logger.LogWarning("The model asked to retry after {Delay}, longer than AI:MaxRetryDelaySeconds; not retrying", delay);
            return false;
        }

        return true;
    }

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
