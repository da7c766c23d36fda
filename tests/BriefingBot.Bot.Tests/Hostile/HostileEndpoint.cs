using System.Net.Http.Headers;
using System.Text;

namespace BriefingBot.Bot.Tests.Hostile;

/// <summary>
/// An endpoint that takes a JSON body, as the hostile suite calls it: how to address and authorize a request, and a
/// body it accepts. A new endpoint gets its abuse cases by adding a row to <see cref="All"/>.
/// </summary>
public sealed record HostileEndpoint(string Name, string ValidBody, bool AnswersWithProblems, Func<HostileFixture, HttpContent, Task<HttpRequestMessage>> Build)
{
    public static readonly IReadOnlyDictionary<string, HostileEndpoint> All = new[]
    {
        Staff("ask", "/api/ask", """{"question":"What did Russia demand?"}"""),
        Staff("search", "/api/search", """{"query":"Vienna talks"}"""),
        Staff("documents", "/api/documents", """{"documents":[{"id":"hostile-valid","title":"Valid upload","text":"The grid operators published a new winter outlook on Tuesday."}]}"""),
        Staff("briefings", "/api/briefings", """{"topic":"Russia"}"""),
        new HostileEndpoint(
            "messages",
            """{"type":"message","id":"m-1","channelId":"msteams","serviceUrl":"http://127.0.0.1:9/","from":{"id":"29:user"},"recipient":{"id":"28:bot"},"conversation":{"id":"c-hostile","conversationType":"personal"},"text":"What did Russia demand?"}""",
            AnswersWithProblems: false,
            (fixture, content) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content })),
        new HostileEndpoint(
            "directline",
            """{"type":"message","from":{"id":"dl_hostile"},"text":"What did Russia demand?"}""",
            AnswersWithProblems: false,
            async (fixture, content) =>
            {
                var (conversationId, token) = await fixture.PageConversationAsync();
                var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities") { Content = content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            }),
    }.ToDictionary(e => e.Name);

    public static TheoryData<string> Names => [.. All.Keys];

    public Task<HttpRequestMessage> BuildAsync(HostileFixture fixture, string body, string mediaType = "application/json") =>
        Build(fixture, Json(Encoding.UTF8.GetBytes(body), mediaType));

    public Task<HttpRequestMessage> BuildAsync(HostileFixture fixture, byte[] body) => Build(fixture, Json(body, "application/json"));

    private static HostileEndpoint Staff(string name, string path, string validBody) => new(
        name,
        validBody,
        AnswersWithProblems: true,
        (fixture, content) => Task.FromResult(HostileFixture.Staff(HttpMethod.Post, path, fixture.FullKey, content)));

    private static ByteArrayContent Json(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = mediaType.Contains("json", StringComparison.Ordinal) ? "utf-8" : null };
        return content;
    }
}
