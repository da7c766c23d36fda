using BriefingBot.Memory.DirectLine;
using BriefingBot.Bot.Contracts;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;
using BriefingBot.Bot.WebChat;
using Microsoft.AspNetCore.Http.Features;

namespace BriefingBot.Bot.DirectLine;

/// <summary>The Direct Line 3.0 REST operations at <c>/v3/directline</c>, as Azure's service answers them.</summary>
public sealed class DirectLineEndpoints(
    DirectLineOptions options,
    DirectLineTokens tokens,
    ConversationHub hub,
    DirectLineTurns turns,
    DirectLineOrigins origins,
    TimeProvider time,
    ILogger<DirectLineEndpoints> logger)
{
    public const string Base = "/v3/directline";
    public const string NoConversation = "The conversation does not exist or has ended.";
    private const int MaxParametersBytes = 8 * 1024;

    private IDirectLineStore Store => hub.Store;

    /// <summary><c>POST tokens/generate</c> (secret): a token for a new conversation, not yet started.</summary>
    public async Task<IResult> GenerateAsync(HttpContext context)
    {
        var (caller, refusal) = await AuthorizeAsync(context.Request);
        if (caller is null)
        {
            return refusal!;
        }

        if (!caller.HasSecret)
        {
            return DirectLineErrors.Forbidden("tokens/generate takes the site's secret, not a token.");
        }

        var (parameters, problem) = await ReadParametersAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var userId = parameters?.User?.Id;
        if (userId is not null && (userId.Length > 128 || userId == options.BotId))
        {
            return DirectLineErrors.BadArgument("user.id must be at most 128 characters and not the bot's id.");
        }

        return Results.Ok(TokenResponse(tokens.Issue(NewConversationId(), userId, caller.Site)));
    }

    /// <summary>The conversation a new token for the bot's own page is bound to.</summary>
    public ConversationResponse PageToken() => TokenResponse(tokens.Issue(NewConversationId(), null, DirectLineTokens.PageSite));

    /// <summary><c>POST tokens/refresh</c> (token): a new token for the same conversation, valid for the full lifetime again.</summary>
    public async Task<IResult> RefreshAsync(HttpContext context)
    {
        var (caller, refusal) = await AuthorizeAsync(context.Request);
        if (caller is null)
        {
            return refusal!;
        }

        return caller.Token is { } token
            ? Results.Ok(TokenResponse(tokens.Reissue(token)))
            : DirectLineErrors.Forbidden("tokens/refresh takes a token, not a secret.");
    }

    /// <summary><c>POST conversations</c>: starts the token's conversation (or a new one with a secret); 201 when started, 200 when it already was.</summary>
    public async Task<IResult> StartAsync(HttpContext context)
    {
        var (caller, refusal) = await AuthorizeAsync(context.Request);
        if (caller is null)
        {
            return refusal!;
        }

        var (parameters, problem) = await ReadParametersAsync(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var conversationId = caller.Token?.ConversationId ?? NewConversationId();
        var userId = caller.Token?.UserId ?? Truncate(parameters?.User?.Id, 128);
        var created = await Store.CreateConversationAsync(
            new StoredConversation(conversationId, userId, caller.Site, time.GetUtcNow(), time.GetUtcNow()), context.RequestAborted);
        if (!created && (await Store.FindConversationAsync(conversationId, context.RequestAborted) is not { } started || !caller.MayUse(started)))
        {
            return DirectLineErrors.NotFound(NoConversation);
        }

        var token = caller.Token is { } held ? tokens.Reissue(held) : tokens.Issue(conversationId, null, caller.Site);
        var response = ConversationResponse(conversationId, token, null, caller.Site);
        if (!created)
        {
            return Results.Ok(response);
        }

        logger.LogInformation("Direct Line conversation {Conversation} started", conversationId);
        turns.TryEnqueue(new QueuedTurn(new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = Channels.DirectLine,
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = userId ?? "user", Name = parameters?.User?.Name, Role = "user" },
            Recipient = turns.Bot,
            Locale = Truncate(parameters?.Locale, 20),
            MembersAdded = [turns.Bot, new ChannelAccount { Id = userId ?? "user", Name = parameters?.User?.Name, Role = "user" }],
            Timestamp = time.GetUtcNow(),
        }, context.TraceIdentifier));
        return Results.Json(response, statusCode: StatusCodes.Status201Created);
    }

    /// <summary><c>GET conversations/{id}?watermark=</c>: a fresh token and stream URL to reconnect or resume.</summary>
    public async Task<IResult> ReconnectAsync(HttpContext context, string conversationId)
    {
        var (caller, refusal) = await AccessAsync(context.Request, conversationId);
        if (caller is null)
        {
            return refusal!;
        }

        var watermark = context.Request.Query["watermark"].ToString();
        if (ParseWatermark(watermark) is null)
        {
            return DirectLineErrors.BadArgument($"The watermark '{watermark}' is not one this service gave.");
        }

        // The caller's site is the conversation's owner (AccessAsync checked it), so the new tokens keep that owner.
        var token = caller.Token is { } existing ? tokens.Reissue(existing) : tokens.Issue(conversationId, null, caller.Site);
        return Results.Ok(ConversationResponse(conversationId, token, watermark, caller.Site));
    }

    /// <summary><c>POST conversations/{id}/activities</c>: stores the activity (the echo), hands it to the bot, returns its id.</summary>
    public async Task<IResult> PostActivityAsync(HttpContext context, string conversationId)
    {
        var (caller, refusal) = await AccessAsync(context.Request, conversationId);
        if (caller is null)
        {
            return refusal!;
        }

        var (body, tooLarge) = await ReadBodyAsync(context, options.MaxActivityBytes);
        if (tooLarge)
        {
            return DirectLineErrors.TooLarge($"An activity may be at most {options.MaxActivityBytes} bytes.");
        }

        Activity? activity;
        try
        {
            activity = body.Length == 0 ? null : JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException e)
        {
            return DirectLineErrors.BadArgument($"The body is not an activity: {e.Message}");
        }

        return activity is null
            ? DirectLineErrors.MissingProperty("The body must be an activity (a JSON object).")
            : await AcceptAsync(activity, caller, conversationId, context.TraceIdentifier, context.RequestAborted);
    }

    /// <summary><c>GET conversations/{id}/activities?watermark=</c>: the activities after the watermark (typing is stream-only).</summary>
    public async Task<IResult> GetActivitiesAsync(HttpContext context, string conversationId)
    {
        var (caller, refusal) = await AccessAsync(context.Request, conversationId);
        if (caller is null)
        {
            return refusal!;
        }

        var text = context.Request.Query["watermark"].ToString();
        if (ParseWatermark(text) is not { } watermark)
        {
            return DirectLineErrors.BadArgument($"The watermark '{text}' is not one this service gave.");
        }

        var activities = await Store.ReadAfterAsync(conversationId, watermark, null, options.MaxActivitiesPerRead, context.RequestAborted);
        return Results.Text(ActivitySet(activities, activities.Count > 0 ? activities[^1].Sequence : watermark), "application/json", Encoding.UTF8);
    }

    /// <summary><c>POST conversations/{id}/upload?userId=</c>: multipart files (and optionally the activity) sent as one message.</summary>
    public async Task<IResult> UploadAsync(HttpContext context, string conversationId)
    {
        var (caller, refusal) = await AccessAsync(context.Request, conversationId);
        if (caller is null)
        {
            return refusal!;
        }

        var request = context.Request;
        if (request.ContentLength > options.MaxUploadBytes)
        {
            return DirectLineErrors.TooLarge($"An upload may be at most {options.MaxUploadBytes} bytes.");
        }

        if (!request.HasFormContentType)
        {
            return DirectLineErrors.Result(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Uploads are multipart/form-data: an 'activity' part and one part per file.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxUploadBytes + MaxParametersBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = options.MaxUploadBytes, ValueCountLimit = 32 }, context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) || e is BadHttpRequestException { StatusCode: 413 }
                ? DirectLineErrors.TooLarge($"An upload may be at most {options.MaxUploadBytes} bytes.")
                : DirectLineErrors.BadArgument($"The upload is not readable multipart/form-data: {e.Message}");
        }

        Activity? activity = null;
        var attachments = new List<Attachment>();
        foreach (var file in form.Files)
        {
            if (file.Name == "activity" || file.ContentType.StartsWith("application/vnd.microsoft.activity", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    await using var stream = file.OpenReadStream();
                    activity = await JsonSerializer.DeserializeAsync<Activity>(stream, ActivityJson.Options, context.RequestAborted);
                }
                catch (JsonException e)
                {
                    return DirectLineErrors.BadArgument($"The 'activity' part is not an activity: {e.Message}");
                }

                continue;
            }

            using var content = new MemoryStream();
            await file.CopyToAsync(content, context.RequestAborted);
            var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var name = ClientFileName.Clean(file.FileName) is { Length: > 0 } given ? given : "file";
            var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType;
            await Store.SaveUploadAsync(new StoredUpload(id, conversationId, name, contentType, content.ToArray()), context.RequestAborted);
            attachments.Add(new Attachment { ContentType = contentType, ContentUrl = $"{origins.Primary}{Base}/attachments/{id}", Name = name });
        }

        if (attachments.Count == 0)
        {
            return DirectLineErrors.MissingProperty("The upload has no file.");
        }

        activity ??= new Activity { Type = ActivityTypes.Message };
        activity.Type ??= ActivityTypes.Message;
        activity.From ??= new ChannelAccount { Id = Truncate(request.Query["userId"].ToString(), 128) };
        activity.Attachments = attachments;
        return await AcceptAsync(activity, caller, conversationId, context.TraceIdentifier, context.RequestAborted);
    }

    /// <summary><c>GET attachments/{id}</c>: an uploaded file; its unguessable id is the capability.</summary>
    public async Task<IResult> GetAttachmentAsync(HttpContext context, string id)
    {
        if (await Store.FindUploadAsync(id, context.RequestAborted) is not { } upload)
        {
            return DirectLineErrors.NotFound("No such attachment (uploads are kept as long as their conversation).");
        }

        var inline = upload.ContentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return inline
            ? Results.File(upload.Content, upload.ContentType)
            : Results.File(upload.Content, upload.ContentType, upload.Name);
    }

    /// <summary>
    /// Checks that the conversation exists and the caller may use it: a token only its own conversation, a secret only
    /// the conversations its site started. Another site's conversation is, to the caller, one that does not exist.
    /// </summary>
    public async Task<(DirectLineCaller? Caller, IResult? Refusal)> AccessAsync(HttpRequest request, string conversationId)
    {
        var (caller, refusal) = await AuthorizeAsync(request);
        if (caller is null)
        {
            return (null, refusal);
        }

        if (caller.Token is { } token && !string.Equals(token.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return (null, DirectLineErrors.Forbidden("The token is for another conversation."));
        }

        if (await Store.FindConversationAsync(conversationId, request.HttpContext.RequestAborted) is not { } conversation || !caller.MayUse(conversation))
        {
            return (null, DirectLineErrors.NotFound(NoConversation));
        }

        return (caller, null);
    }

    public static string ActivitySet(IReadOnlyList<StoredActivity> activities, long watermark)
    {
        var json = new StringBuilder("{\"activities\":[");
        for (var i = 0; i < activities.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(activities[i].Json);
        }

        return json.Append("],\"watermark\":\"").Append(watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}").ToString();
    }

    /// <summary>A watermark from the query: empty is the start; otherwise the number this service gave; null when it is neither.</summary>
    public static long? ParseWatermark(string? text) =>
        string.IsNullOrEmpty(text) || text == "-" ? 0
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private async Task<IResult> AcceptAsync(Activity activity, DirectLineCaller caller, string conversationId, string correlationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return DirectLineErrors.MissingProperty("The activity has no 'type'.");
        }

        var userId = caller.Token?.UserId ?? activity.From?.Id;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return DirectLineErrors.MissingProperty("The activity has no 'from.id'.");
        }

        if (userId == options.BotId || userId.Length > 128)
        {
            return DirectLineErrors.BadArgument("'from.id' must be at most 128 characters and not the bot's id.");
        }

        activity.From ??= new ChannelAccount();
        activity.From.Id = userId;
        activity.From.Role = "user";
        activity.ChannelId = Channels.DirectLine;
        activity.Recipient = turns.Bot;
        activity.ServiceUrl = null;
        activity.Conversation = new ConversationAccount { Id = conversationId };
        var id = await hub.AppendAsync(conversationId, activity, cancellationToken);

        if (WebChatFeedback.TryReadEvent(activity, out var feedback) || activity.IsType(ActivityTypes.Invoke))
        {
            var response = await turns.RunAsync(feedback ?? activity, cancellationToken);
            if (response is { Status: >= 400 } failed)
            {
                return DirectLineErrors.BadArgument(failed.Body?.GetRawText() ?? $"The bot refused the activity ({failed.Status}).");
            }
        }
        else if (!turns.TryEnqueue(new QueuedTurn(activity, correlationId)))
        {
            return DirectLineErrors.Result(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The bot is busy; try again shortly.");
        }

        return Results.Ok(new { id });
    }

    private async Task<(DirectLineCaller? Caller, IResult? Refusal)> AuthorizeAsync(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return (null, DirectLineErrors.Unauthorized("Send 'Authorization: Bearer <secret or token>'."));
        }

        var credential = header[7..].Trim();
        if (tokens.SiteOf(credential) is { } site)
        {
            return (new DirectLineCaller(site, null), null);
        }

        var check = await tokens.CheckAsync(credential, DirectLineTokens.ConversationKind);
        return check.Token is { } token
            ? (new DirectLineCaller(token.Site, token), null)
            : (null, check.Expired ? DirectLineErrors.TokenExpired() : DirectLineErrors.Forbidden(check.Problem!));
    }

    private async Task<(TokenParameters? Parameters, IResult? Problem)> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, tooLarge) = await ReadBodyAsync(request.HttpContext, MaxParametersBytes);
        if (tooLarge)
        {
            return (null, DirectLineErrors.TooLarge($"The parameters may be at most {MaxParametersBytes} bytes."));
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize<TokenParameters>(body, ActivityJson.Options), null);
        }
        catch (JsonException e)
        {
            return (null, DirectLineErrors.BadArgument($"The body is not token parameters: {e.Message}"));
        }
    }

    private static async Task<(byte[] Body, bool TooLarge)> ReadBodyAsync(HttpContext context, int max)
    {
        if (context.Request.ContentLength > max)
        {
            return ([], true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                return ([], true);
            }
        }

        return (buffer.ToArray(), false);
    }

    private ConversationResponse TokenResponse(string token) =>
        new(ConversationIdOf(token), token, (int)options.TokenLifetime.TotalSeconds);

    private ConversationResponse ConversationResponse(string conversationId, string token, string? watermark, string site)
    {
        var origin = origins.Primary;
        var socketOrigin = origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + origin[8..] : "ws://" + origin[7..];
        var streamToken = tokens.Issue(conversationId, null, site, DirectLineTokens.StreamKind);
        var streamUrl = $"{socketOrigin}{Base}/conversations/{Uri.EscapeDataString(conversationId)}/stream?watermark={Uri.EscapeDataString(watermark is { Length: > 0 } ? watermark : "-")}&t={streamToken}";
        return new ConversationResponse(conversationId, token, (int)options.TokenLifetime.TotalSeconds, streamUrl);
    }

    private static string ConversationIdOf(string token) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetClaim("conv").Value;

    private static string NewConversationId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    private static string? Truncate(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text : text[..max];
}
