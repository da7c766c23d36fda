using System.Net;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>Failures on the server side are problem details too: a store that cannot write is a 503 naming why, a crash a 500 without internals.</summary>
public sealed class ServerErrorProblemTests
{
    [Fact]
    public async Task Delete_StoreLockedByAnotherWriter_ServiceUnavailableNamingTheReason()
    {
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string> { ["Memory:LockTimeoutSeconds"] = "1" });
        var path = host.Services.GetRequiredService<MemoryOptions>().StorePath;
        await using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = writer.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        using var response = await host.Http.DeleteAsync("api/documents/harbour-levy", TestContext.Current.CancellationToken);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("harbour-levy", problem.GetProperty("detail").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
        command.CommandText = "ROLLBACK";
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        using var get = await host.Http.GetAsync("api/documents/harbour-levy", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task UnhandledException_InternalServerErrorProblemWithoutInternals()
    {
        await using var host = await TestBotHost.StartAsync(configure: services => services.AddSingleton<IStartupFilter>(new FailingPathFilter()));

        using var response = await host.Http.GetAsync("api/failing-for-test", TestContext.Current.CancellationToken);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        Assert.DoesNotContain(FailingPathFilter.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
    }

    /// <summary>A request no endpoint takes that fails with an exception, as a bug would.</summary>
    private sealed class FailingPathFilter : IStartupFilter
    {
        public const string Secret = "connection-string-password-123";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == "/api/failing-for-test"
                ? throw new InvalidOperationException("internal detail " + Secret)
                : Task.CompletedTask);
        };
    }
}
