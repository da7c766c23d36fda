using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BriefingBot.Evaluation.Load;

/// <summary>One Direct Line 3.0 conversation driven over HTTP: started with the site secret, then post and poll with its token.</summary>
internal sealed class DirectLineConversation
{
    private const string Base = "v3/directline/";
    private readonly HttpClient _http;
    private readonly string _token;
    private string? _watermark;

    private DirectLineConversation(HttpClient http, string id, string token)
    {
        _http = http;
        Id = id;
        _token = token;
    }

    public string Id { get; }

    /// <summary>Every activity read so far, in order, by id (a re-delivered id is counted once per delivery).</summary>
    public List<JsonElement> Activities { get; } = [];

    public static async Task<DirectLineConversation> StartAsync(HttpClient http, string secret, string userId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base + "conversations")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await LoadFailure.ThrowUnlessSuccessAsync(response, "start conversation", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return new DirectLineConversation(http, body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>Posts a user message; returns the id the service gave it.</summary>
    public async Task<string> PostAsync(string userId, string text, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, $"conversations/{Id}/activities");
        request.Content = JsonContent.Create(new { type = "message", from = new { id = userId }, text, locale = "en-US" });
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await LoadFailure.ThrowUnlessSuccessAsync(response, "post activity", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>Reads the activities after the watermark (one polling request).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var path = $"conversations/{Id}/activities" + (_watermark is null ? "" : $"?watermark={Uri.EscapeDataString(_watermark)}");
        using var request = Authorized(HttpMethod.Get, path);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await LoadFailure.ThrowUnlessSuccessAsync(response, "poll activities", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        Activities.AddRange(body.GetProperty("activities").EnumerateArray().Select(a => a.Clone()));
        if (body.TryGetProperty("watermark", out var watermark) && watermark.ValueKind == JsonValueKind.String)
        {
            _watermark = watermark.GetString();
        }
    }

    /// <summary>How many bot messages (not typing updates) answer the given activity, among those read so far.</summary>
    public int RepliesTo(string activityId) => Activities.Count(a =>
        a.TryGetProperty("type", out var type) && type.GetString() == "message"
        && a.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == activityId);

    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, Base + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }
}
