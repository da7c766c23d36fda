using System.Net;
using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// <c>POST /api/messages</c>: reads and checks the activity (400 with the reason when it is not one), authenticates
/// the caller (401, nothing processed), then answers an <c>invoke</c> in the response, returns the replies of an
/// <c>expectReplies</c> activity in the body, and acknowledges everything else at once (202), answering through
/// the Connector in the background.
/// </summary>
public sealed class MessagesEndpoint(
    BotOptions options,
    BotAuthenticator authenticator,
    BriefingTurnHandler handler,
    TurnQueue queue,
    ILogger<MessagesEndpoint> logger)
{
    public async Task<IResult> PostAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (activity, problem, status) = await ReadAsync(context.Request, cancellationToken);
        if (activity is null)
        {
            logger.LogInformation("Rejected a request to /api/messages: {Problem}", problem);
            return Results.Problem(problem, statusCode: status);
        }

        var outcome = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization.ToString(), activity, cancellationToken);
        if (outcome.Succeeded && outcome.Anonymous && !AnonymousAllowedOn(context.Connection.LocalIpAddress))
        {
            outcome = AuthenticationOutcome.Fail("anonymous requests are refused on a non-loopback address (set Bot:AllowAnonymousOnPublicAddress to allow)");
        }

        if (!outcome.Succeeded)
        {
            logger.LogWarning("Unauthorized {Type} activity from {Channel}: {Reason}", activity.Type, activity.ChannelId, outcome.Failure);
            return Results.Problem("The request is not authorized.", statusCode: StatusCodes.Status401Unauthorized);
        }

        activity.CallerId = outcome.CallerId;
        if (activity.IsType(ActivityTypes.Invoke))
        {
            var response = await handler.HandleAsync(new TurnContext(activity, new BufferingSender(), CanStream: false), cancellationToken)
                ?? InvokeResponse.NotImplemented();
            return response.Body is { } body ? Results.Json(body, ActivityJson.Options, statusCode: response.Status) : Results.StatusCode(response.Status);
        }

        if (string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase))
        {
            var sender = new BufferingSender();
            await handler.HandleAsync(new TurnContext(activity, sender, CanStream: false), cancellationToken);
            return Results.Json(new ExpectedReplies(sender.Activities), ActivityJson.Options);
        }

        if (!queue.TryEnqueue(new QueuedTurn(activity, context.TraceIdentifier)))
        {
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem("The bot is busy; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private bool AnonymousAllowedOn(IPAddress? local) =>
        options.AllowAnonymousOnPublicAddress || local is null || IPAddress.IsLoopback(local);

    private async Task<(Activity? Activity, string? Problem, int Status)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxActivityBytes)
        {
            return (null, $"The activity is larger than {options.MaxActivityBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxActivityBytes)
            {
                return (null, $"The activity is larger than {options.MaxActivityBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }
        }

        if (buffer.Length == 0)
        {
            return (null, "The body is empty; an Activity (JSON) was expected.", StatusCodes.Status400BadRequest);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ActivityJson.Options);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not an Activity: {e.Message}", StatusCodes.Status400BadRequest);
        }

        if (activity is null)
        {
            return (null, "The body is null; an Activity (JSON object) was expected.", StatusCodes.Status400BadRequest);
        }

        return ActivityValidation.Problem(activity) is { } problem
            ? (null, problem, StatusCodes.Status400BadRequest)
            : (activity, null, StatusCodes.Status200OK);
    }
}
