namespace BriefingBot.Bot.Api;

/// <summary>Writes the staff API's refusals (401, 403, 413) as RFC 7807 problems.</summary>
public static class StaffProblems
{
    public static Task WriteAsync(HttpContext context, int status, string detail) =>
        Results.Problem(detail, statusCode: status, title: status switch
        {
            StatusCodes.Status401Unauthorized => "Unauthorized",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status413PayloadTooLarge => "Request body too large",
            _ => null,
        }).ExecuteAsync(context);
}
