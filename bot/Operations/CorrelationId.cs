using System.Diagnostics;

namespace BriefingBot.Bot.Operations;

/// <summary>
/// The correlation id of each HTTP request: the caller's <c>X-Correlation-Id</c> when it is 1–128 characters of
/// letters, digits and <c>-_.:</c>, else a new one. It is echoed on the response, put in a logging scope for
/// everything the request does (<c>CorrelationId</c>) and tagged on the request's trace span.
/// </summary>
internal static class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    public const string ScopeKey = "CorrelationId";
    public const int MaxLength = 128;

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    /// <summary>The request's id: as sent when valid, else a new one.</summary>
    public static string Of(HttpContext context)
    {
        var sent = context.Request.Headers[Header].ToString();
        return IsValid(sent) ? sent : Guid.NewGuid().ToString("N");
    }

    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = Of(context);
        context.TraceIdentifier = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("briefingbot.correlation_id", id);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CorrelationId).FullName!);
        using (logger.BeginScope(new Dictionary<string, object> { [ScopeKey] = id }))
        {
            await next(context);
        }
    });
}
