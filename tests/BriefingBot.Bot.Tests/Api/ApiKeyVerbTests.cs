using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BriefingBot.Bot.Api;
using BriefingBot.Bot.Cli;
using BriefingBot.Bot.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Bot.Tests.Api;

public sealed class ApiKeyVerbTests
{
    [Fact]
    public async Task ApiKey_PrintedEntryConfigured_TheKeyWorksWithinItsScope()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await CliApp.RunAsync(["api-key", "cms-europe", "--tag", "desk=europe", "--read-only", "--json"], new ConfigurationBuilder().Build(), output, errors, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var printed = JsonDocument.Parse(output.ToString()).RootElement;
        var key = printed.GetProperty("key").GetString()!;
        var entry = printed.GetProperty("entry");
        Assert.True(key.Length >= 40);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), entry.GetProperty("Hash").GetString());
        Assert.Equal(["read"], entry.GetProperty("Permissions").EnumerateArray().Select(p => p.GetString()));

        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string>
        {
            ["Api:Keys:0:Name"] = entry.GetProperty("Name").GetString()!,
            ["Api:Keys:0:Hash"] = entry.GetProperty("Hash").GetString()!,
            ["Api:Keys:0:Permissions:0"] = "read",
            ["Api:Keys:0:Tags:desk:0"] = entry.GetProperty("Tags").GetProperty("desk")[0].GetString()!,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/documents") { Headers = { { StaffAuthentication.ApiKeyHeader, key } } };
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Empty(page.GetProperty("documents").EnumerateArray());
    }

    [Fact]
    public async Task ApiKey_TwoRuns_DifferentKeys()
    {
        var first = new StringWriter();
        var second = new StringWriter();
        var configuration = new ConfigurationBuilder().Build();

        await CliApp.RunAsync(["api-key", "a", "--json"], configuration, first, TextWriter.Null, TestContext.Current.CancellationToken);
        await CliApp.RunAsync(["api-key", "a", "--json"], configuration, second, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.NotEqual(
            JsonDocument.Parse(first.ToString()).RootElement.GetProperty("key").GetString(),
            JsonDocument.Parse(second.ToString()).RootElement.GetProperty("key").GetString());
    }
}
