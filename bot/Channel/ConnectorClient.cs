using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// The Bot Connector REST API at an activity's serviceUrl: reply to an activity or send to a conversation. Calls
/// carry the bot's token, go only to trusted serviceUrls, and are retried on 429, 412 and 5xx (honouring
/// <c>Retry-After</c>, bounded by <see cref="BotOptions.ConnectorRetries"/> and <see cref="BotOptions.MaxRetryDelay"/>);
/// a 401 or 403 gets one retry with a fresh token.
/// </summary>
public sealed class ConnectorClient(
    HttpClient http, IConnectorTokenProvider tokens, ServiceUrlTrust trust, BotOptions options, TimeProvider time, ILogger<ConnectorClient> logger)
{
    /// <summary>Sends <paramref name="activity"/> to its conversation, as a reply when it has <c>replyToId</c>.</summary>
    public async Task<ResourceResponse?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity.ServiceUrl;
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(serviceUrl) || string.IsNullOrEmpty(conversationId))
        {
            throw new ActivitySendException("The activity has no serviceUrl or conversation id to send it to.");
        }

        if (!trust.IsTrusted(serviceUrl))
        {
            throw new ActivitySendException($"The serviceUrl {serviceUrl} was not introduced by an authenticated request; nothing is sent there.");
        }

        var url = ActivitiesUrl(serviceUrl, conversationId, activity.ReplyToId);
        activity.Id = null;
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJson.Options);
        var refreshed = false;
        var forceRefresh = false;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var token = await tokens.GetTokenAsync(forceRefresh, cancellationToken);
            forceRefresh = false;
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (attempt < options.ConnectorRetries)
            {
                logger.LogWarning(e, "Connector call to {Url} failed; retrying", url);
                await Task.Delay(Backoff(attempt), time, cancellationToken);
                continue;
            }
            catch (HttpRequestException e)
            {
                throw new ActivitySendException($"The Connector at {serviceUrl} could not be reached: {e.Message}", inner: e);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return await ReadResourceAsync(response, cancellationToken);
                }

                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (status is 401 or 403 && !refreshed && options.AuthenticationEnabled)
                {
                    refreshed = true;
                    forceRefresh = true;
                    continue;
                }

                if (IsTransient(response.StatusCode) && attempt < options.ConnectorRetries)
                {
                    var delay = RetryAfter(response) ?? Backoff(attempt);
                    logger.LogWarning("Connector answered {Status} for {Url}; retry {Attempt} in {Delay} ms", status, url, attempt + 1, (int)delay.TotalMilliseconds);
                    await Task.Delay(delay, time, cancellationToken);
                    continue;
                }

                var operation = response.Headers.TryGetValues("X-Correlating-OperationId", out var ids) ? ids.FirstOrDefault() : null;
                logger.LogWarning("Connector refused an activity: {Status} {Body} (operation {Operation})", status, text, operation);
                throw new ActivitySendException($"The Connector answered {status}: {Shorten(text)}", status, ErrorCode(text));
            }
        }
    }

    /// <summary><c>{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]</c>, ids escaped, one slash after the base.</summary>
    public static Uri ActivitiesUrl(string serviceUrl, string conversationId, string? replyToId)
    {
        var path = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(replyToId))
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        return new Uri(path, UriKind.Absolute);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > options.MaxRetryDelay ? options.MaxRetryDelay : value;
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseDelay = TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        var delay = baseDelay * jitter;
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed || (int)status >= 500;

    private static async Task<ResourceResponse?> ReadResourceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ResourceResponse>(ActivityJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
