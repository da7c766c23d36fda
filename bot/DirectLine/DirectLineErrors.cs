namespace BriefingBot.Bot.DirectLine;

/// <summary>Direct Line error responses: <c>{"error":{"code":"…","message":"…"}}</c> with the matching status.</summary>
public static class DirectLineErrors
{
    public static IResult Result(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    public static IResult BadArgument(string message) => Result(StatusCodes.Status400BadRequest, "BadArgument", message);

    public static IResult MissingProperty(string message) => Result(StatusCodes.Status400BadRequest, "MissingProperty", message);

    public static IResult Unauthorized(string message) => Result(StatusCodes.Status401Unauthorized, "Unauthorized", message);

    public static IResult Forbidden(string message) => Result(StatusCodes.Status403Forbidden, "Forbidden", message);

    public static IResult TokenExpired() => Result(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired.");

    public static IResult NotFound(string message) => Result(StatusCodes.Status404NotFound, "NotFound", message);

    public static IResult TooLarge(string message) => Result(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", message);
}
