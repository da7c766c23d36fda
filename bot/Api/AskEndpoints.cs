using System.Text.Json;
using BriefingBot.Bot.Contracts;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory;
using Microsoft.AspNetCore.Http.Features;

namespace BriefingBot.Bot.Api;

/// <summary>
/// <c>POST /api/ask</c> (JSON, or server-sent events with <c>stream: true</c>), <c>POST /api/search</c> and
/// <c>DELETE /api/conversations/{id}</c>, all within the caller's tag scope.
/// </summary>
public static class AskEndpoints
{
    public static void Map(RouteGroupBuilder api, ApiOptions options)
    {
        api.MapPost("/ask", AskAsync)
            .WithName("Ask").WithSummary("Answers a question from the memory, citing passages; streams server-sent events with stream: true.")
            .Accepts<AskBody>("application/json")
            .Produces<AnswerResponse>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesValidationProblem()
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(options.MaxJsonBytes);
        api.MapPost("/search", SearchAsync)
            .WithName("Search").WithSummary("Searches the memory's passages (hybrid vector and keyword search).")
            .Accepts<SearchBody>("application/json")
            .Produces<SearchResponse>()
            .ProducesValidationProblem()
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(options.MaxJsonBytes);
        api.MapDelete("/conversations/{id}", ResetAsync)
            .WithName("ResetConversation").WithSummary("Forgets a conversation's turns.")
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(options.MaxJsonBytes);
    }

    private static async Task<IResult> AskAsync(
        HttpContext context, StaffCaller caller, IQuestionAnswerer answerer, ConversationService conversations, MemoryOptions memoryOptions, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<AskBody>(context.Request, ct);
        if (body is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(body.Question))
        {
            return ApiJson.Invalid("question", "The field 'question' is required.");
        }

        if (memoryOptions.Search.QuestionProblem(body.Question) is { } tooLong)
        {
            return ApiJson.Invalid("question", tooLong);
        }

        var filter = caller.Restrict(body.Filter());
        try
        {
            if (body.Stream)
            {
                await StreamAsync(context, body, caller, filter, answerer, conversations, ct);
                return Results.Empty;
            }

            return body.ConversationId is null
                ? Results.Ok(AnswerResponse.From(await answerer.AskAsync(body.Question, filter, ct)))
                : Results.Ok(AnswerResponse.From(await conversations.AskAsync(caller.ConversationKey(body.ConversationId), body.Question, filter, ct))
                    with { ConversationId = body.ConversationId });
        }
        catch (ArgumentException e) when (!context.Response.HasStarted)
        {
            return ApiJson.Invalid(body.ConversationId is null ? "question" : "conversationId", e.Message);
        }
    }

    private static async Task StreamAsync(
        HttpContext context, AskBody body, StaffCaller caller, Memory.Storage.MemoryFilter filter, IQuestionAnswerer answerer, ConversationService conversations, CancellationToken ct)
    {
        var updates = body.ConversationId is null
            ? Stream(answerer.AskStreamingAsync(body.Question!, filter, ct))
            : Stream(conversations.AskStreamingAsync(caller.ConversationKey(body.ConversationId), body.Question!, filter, ct), body.ConversationId);
        var events = new ServerSentEvents(context.Response);
        await using var enumerator = updates.GetAsyncEnumerator(ct);
        bool more;
        try
        {
            more = await enumerator.MoveNextAsync();
        }
        catch (ArgumentException e)
        {
            await ApiJson.Invalid("conversationId", e.Message).ExecuteAsync(context);
            return;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            while (more)
            {
                var (delta, final) = enumerator.Current;
                if (delta is not null)
                {
                    await events.WriteAsync("delta", new { text = delta }, ct);
                }

                if (final is not null)
                {
                    await events.WriteAsync("citations", final.Citations, ct);
                    await events.WriteAsync("done", final, ct);
                }

                more = await enumerator.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            context.RequestServices.GetRequiredService<ILogger<AnswerResponse>>().LogError(e, "Streaming an answer failed");
            await events.WriteAsync("error", new { status = StatusCodes.Status500InternalServerError, title = "The answer failed", detail = e is Memory.Storage.MemoryStoreException ? e.Message : "The answer could not be completed." }, CancellationToken.None);
        }
    }

    private static async IAsyncEnumerable<(string? Delta, AnswerResponse? Final)> Stream(IAsyncEnumerable<AnswerStreamUpdate> updates)
    {
        await foreach (var update in updates)
        {
            yield return (update.Delta, update.Final is { } answer ? AnswerResponse.From(answer) : null);
        }
    }

    private static async IAsyncEnumerable<(string? Delta, AnswerResponse? Final)> Stream(IAsyncEnumerable<ConversationUpdate> updates, string conversationId)
    {
        await foreach (var update in updates)
        {
            yield return (update.Delta, update.Final is { } reply ? AnswerResponse.From(reply) with { ConversationId = conversationId } : null);
        }
    }

    private static async Task<IResult> SearchAsync(HttpContext context, StaffCaller caller, BriefingMemory memory, MemoryOptions memoryOptions, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<SearchBody>(context.Request, ct);
        if (body is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(body.Query))
        {
            return ApiJson.Invalid("query", "The field 'query' is required.");
        }

        if (memoryOptions.Search.QuestionProblem(body.Query) is { } tooLong)
        {
            return ApiJson.Invalid("query", tooLong);
        }

        var result = await memory.SearchAsync(new SearchRequest { Query = body.Query, Limit = Math.Clamp(body.Top ?? 10, 1, 100), Filter = caller.Restrict(body.Filter()) }, ct);
        return Results.Ok(SearchResponse.From(result));
    }

    private static async Task<IResult> ResetAsync(string id, StaffCaller caller, ConversationService conversations, CancellationToken ct)
    {
        try
        {
            return Results.Ok(new { conversationId = id, forgottenTurns = await conversations.ResetAsync(caller.ConversationKey(id), ct) });
        }
        catch (ArgumentException e)
        {
            return ApiJson.Invalid("id", e.Message);
        }
    }
}
