using Microsoft.AspNetCore.Http.Features;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Applies a staff endpoint's <see cref="StaffBodyLimit"/>: a body whose declared length is larger is refused with a
/// 413 problem before the caller is authenticated or any of it is read; a body without a declared length is cut off
/// at the limit while it is read. (The limit is set only after the check, so the server can still drain a refused body
/// and keep the connection.)
/// </summary>
public sealed class StaffBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<StaffBodyLimit>() is not { MaxBodyBytes: var limit })
        {
            return next(context);
        }

        if (context.Request.ContentLength > limit)
        {
            return StaffProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than the {limit} bytes this endpoint accepts.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
