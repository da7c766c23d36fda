namespace BriefingBot.Evaluation.Load;

/// <summary>A request of the load that failed: a status other than success, with what the server said.</summary>
internal sealed class LoadFailure(string message) : Exception(message)
{
    public static async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new LoadFailure($"{operation}: HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }
    }
}
