using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Turns exceptions under <c>/api</c> into problem details: a store that cannot serve is a 503 naming the reason, a
/// bad request (a body over the limit, a broken upload) keeps its status, anything else is a 500 that tells nothing
/// of the code.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        var (status, title, detail) = exception switch
        {
            MemoryStoreException e => (StatusCodes.Status503ServiceUnavailable, "Memory unavailable", e.Message),
            EmbeddingUnavailableException e => (StatusCodes.Status503ServiceUnavailable, "Embedding model unavailable", e.Message),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", e.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error", "The server failed to handle the request; the error has been logged."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "{Method} {Path} failed with {Status}", httpContext.Request.Method, httpContext.Request.Path, status);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "30";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
