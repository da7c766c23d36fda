using System.Net;
using System.Text;

namespace BriefingBot.Bot.Tests.Api;

[Collection(StaffApiCollection.Name)]
public sealed class ProblemDetailsTests(StaffApiFixture api)
{
    [Fact]
    public async Task UnknownApiPath_NotFoundProblem()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/nothing-here", api.FullKey);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_MethodNotAllowedProblem()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/ask", api.FullKey);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Ask_NoQuestion_ValidationProblemNamingQuestion()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, new { question = "  " });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("question", problem.GetProperty("errors").GetProperty("question")[0].GetString());
    }

    [Fact]
    public async Task Search_WrongJsonType_ValidationProblemNamingTheField()
    {
        var request = api.Request(HttpMethod.Post, "api/search", api.FullKey);
        request.Content = new StringContent("""{"query": "gas", "top": "many"}""", Encoding.UTF8, "application/json");

        using var response = await api.Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("top", out _));
    }

    [Fact]
    public async Task Ask_BodyOverTheLimit_PayloadTooLargeProblem()
    {
        var request = api.Request(HttpMethod.Post, "api/ask", api.FullKey);
        request.Content = new StringContent($$"""{"question": "{{new string('a', StaffApiFixture.MaxJsonBytes + 10)}}"}""", Encoding.UTF8, "application/json");

        using var response = await api.Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Ask_ChunkedBodyOverTheLimit_PayloadTooLargeProblem()
    {
        var request = api.Request(HttpMethod.Post, "api/ask", api.FullKey);
        var json = Encoding.UTF8.GetBytes($$"""{"question": "{{new string('a', StaffApiFixture.MaxJsonBytes + 10)}}"}""");
        request.Content = new StreamContent(new UnknownLengthStream(json));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
