using System.Text.Json;
using BriefingBot.Bot.Contracts;

namespace BriefingBot.Bot.Api;

/// <summary>Reads JSON request bodies so that a malformed body is a 400 problem naming the field at fault.</summary>
public static class ApiJson
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, BotJson.Options, cancellationToken);
            return body is null ? (null, Invalid("$", "The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
            return (null, Invalid(field, $"The JSON is not valid here: {e.Message.Split(" Path:", 2)[0]}"));
        }
    }

    /// <summary>A 400 validation problem for one field.</summary>
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);
}
