using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BriefingBot.Bot.Operations;

/// <summary>
/// Turns exceptions from every endpoint (Direct Line, <c>/api/messages</c>, the staff API) into problem details: a
/// store that is full or cannot serve, or an embedding model that does not answer, is a 503 with
/// <c>Retry-After: 30</c>; a bad request (a body over the limit, a broken upload) keeps its status; anything else is a
/// 500 that tells nothing of the code. The staff API is told the store's own words; other callers (web chat users,
/// the Bot Framework) are told what happened without the server's paths. Direct Line callers also get the
/// <c>error</c> object their clients read.
/// </summary>
public sealed class ServerExceptionHandler(IProblemDetailsService problems, ILogger<ServerExceptionHandler> logger) : IExceptionHandler
{
    public const string RetryAfterSeconds = "30";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var staff = httpContext.Request.Path.StartsWithSegments("/api") && !httpContext.Request.Path.StartsWithSegments("/api/messages");
        var (status, title, detail) = exception switch
        {
            // A store's own SQLITE_FULL or disk_full that no store wrapped is the same full disk.
            _ when exception is StoreFullException || StoreFullException.IsFull(exception) => (StatusCodes.Status503ServiceUnavailable, "Storage full",
                staff ? exception.Message : "The bot's storage is full, so nothing could be saved; try again later."),
            MemoryStoreException e => (StatusCodes.Status503ServiceUnavailable, "Memory unavailable",
                staff ? e.Message : "The bot's storage cannot be used right now; try again later."),
            EmbeddingUnavailableException e => (StatusCodes.Status503ServiceUnavailable, "Embedding model unavailable",
                staff ? e.Message : "The bot cannot search right now; try again later."),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", e.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error", "The server failed to handle the request; the error has been logged."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "{Method} {Path} failed with {Status}", httpContext.Request.Method, httpContext.Request.Path, status);
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (httpContext.Request.Path.StartsWithSegments(DirectLine.DirectLineEndpoints.Base))
        {
            var code = status switch
            {
                StatusCodes.Status503ServiceUnavailable => "ServiceUnavailable",
                StatusCodes.Status413PayloadTooLarge => "MessageSizeTooBig",
                < 500 => "BadArgument",
                _ => "ServiceError",
            };
            problem.Extensions["error"] = new { code, message = detail };
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
