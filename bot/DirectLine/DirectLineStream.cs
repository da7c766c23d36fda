using System.Net.WebSockets;
using System.Text;

namespace BriefingBot.Bot.DirectLine;

/// <summary>
/// <c>GET conversations/{id}/stream?watermark=&amp;t=</c>: the WebSocket that carries the conversation's activities as
/// activity sets. On connect everything after the watermark is replayed; then each new activity follows in order.
/// Client frames are ignored (Direct Line clients send empty ones as pings); an empty frame keeps idle sockets alive.
/// The socket is closed (1008, "token expired") when its token expires, unless a token for the conversation issued
/// since (a refresh) is still valid, in which case it lives until that one expires.
/// </summary>
public sealed class DirectLineStream(
    DirectLineOptions options,
    DirectLineTokens tokens,
    ConversationHub hub,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DirectLineStream> logger)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private const int MaxPerFrame = 100;

    public async Task<IResult> ConnectAsync(HttpContext context, string conversationId)
    {
        var check = await tokens.CheckAsync(context.Request.Query["t"].ToString(), DirectLineTokens.StreamKind);
        if (check.Token is not { } token)
        {
            return check.Expired ? DirectLineErrors.TokenExpired() : DirectLineErrors.Forbidden(check.Problem!);
        }

        if (token.ConversationId != conversationId)
        {
            return DirectLineErrors.Forbidden("The stream token is for another conversation.");
        }

        if (DirectLineEndpoints.ParseWatermark(context.Request.Query["watermark"].ToString()) is not { } watermark)
        {
            return DirectLineErrors.BadArgument("The watermark is not one this service gave.");
        }

        if (await hub.Store.FindConversationAsync(conversationId, context.RequestAborted) is not { } conversation
            || !new DirectLineCaller(token.Site, token).MayUse(conversation))
        {
            return DirectLineErrors.NotFound(DirectLineEndpoints.NoConversation);
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineErrors.BadArgument("The stream is a WebSocket; connect with an upgrade request.");
        }

        if (!hub.TryOpenStream(conversationId, options.MaxStreamsPerConversation))
        {
            return DirectLineErrors.Result(StatusCodes.Status409Conflict, "Collision", "The conversation has too many open streams.");
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            // Sending ends when the client closes, the request is aborted, the server stops or the token expires; the
            // receive loop runs on until the client answers the close (cancelling a receive would abort the socket).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            using var sending = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var receiving = ReceiveAsync(socket, stop.Token, sending);
            var expiry = ExpireAsync(token, sending);
            try
            {
                await SendAsync(socket, conversationId, watermark, sending.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                logger.LogDebug("Stream of {Conversation} ended: {Reason}", conversationId, e.Message);
            }

            await sending.CancelAsync();
            var expired = await expiry;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.CloseOutputAsync(
                        expired ? WebSocketCloseStatus.PolicyViolation : WebSocketCloseStatus.NormalClosure, expired ? "token expired" : "closing", closing.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                    logger.LogDebug("Stream of {Conversation} closed abruptly", conversationId);
                }
            }

            try
            {
                await receiving.WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
                await stop.CancelAsync();
                await receiving;
            }
        }
        finally
        {
            hub.CloseStream(conversationId);
        }

        return Results.Empty;
    }

    private async Task SendAsync(WebSocket socket, string conversationId, long watermark, CancellationToken cancellationToken)
    {
        var sent = watermark;
        while (!cancellationToken.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            var change = await hub.NextChangeAsync(conversationId, cancellationToken);
            var activities = await hub.Store.ReadAfterAsync(
                conversationId, sent, time.GetUtcNow() - ConversationHub.TransientFreshness, MaxPerFrame, cancellationToken);
            if (activities.Count > 0)
            {
                sent = activities[^1].Sequence;
                await SendTextAsync(socket, DirectLineEndpoints.ActivitySet(activities, sent), cancellationToken);
                continue;
            }

            var woke = await Task.WhenAny(change, Task.Delay(KeepAlive, time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (woke != change)
            {
                await SendTextAsync(socket, "", cancellationToken);
            }
        }
    }

    /// <summary>Waits for the token's expiry, moved on by refreshes; then stops the stream and returns true.</summary>
    private async Task<bool> ExpireAsync(DirectLineToken token, CancellationTokenSource stop)
    {
        var deadline = token.Expires;
        try
        {
            while (true)
            {
                var wait = deadline - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stop.Token);
                }

                if (tokens.LatestExpiry(token.ConversationId) is { } later && later > deadline)
                {
                    deadline = later;
                    continue;
                }

                logger.LogDebug("Stream of {Conversation} closed: its token expired", token.ConversationId);
                await stop.CancelAsync();
                return true;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads (and drops) the client's frames until it closes, then ends <paramref name="sending"/>.</summary>
    private static async Task ReceiveAsync(WebSocket socket, CancellationToken cancellationToken, CancellationTokenSource sending)
    {
        var buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await sending.CancelAsync();
        }
    }
}
