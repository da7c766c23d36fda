using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using BriefingBot.Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// With neither API keys nor Entra ID configured, the staff API answers callers on this machine only: the server
/// listens on all interfaces and is called once over loopback and once over the machine's own network address.
/// </summary>
public sealed class LoopbackOnlyTests
{
    [Fact]
    public async Task Ask_NoAuthenticationConfigured_LoopbackAnsweredNetworkRefused()
    {
        var address = NetworkAddress();
        Assert.SkipWhen(address is null, "This machine has no non-loopback IPv4 address to call from.");
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));
        var app = BotServer.Build(["--urls", "http://0.0.0.0:0", "--data", folder, "--Bot:AllowAnonymousOnPublicAddress=true", "--Logging:LogLevel:Default=None"]);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            var port = new Uri(app.Urls.First()).Port;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

            using var local = await http.PostAsJsonAsync($"http://127.0.0.1:{port}/api/ask", new { question = "What did Russia demand?" }, TestContext.Current.CancellationToken);
            using var remote = await http.PostAsJsonAsync($"http://{address}:{port}/api/ask", new { question = "What did Russia demand?" }, TestContext.Current.CancellationToken);
            using var remoteList = await http.GetAsync($"http://{address}:{port}/api/documents", TestContext.Current.CancellationToken);
            using var health = await http.GetAsync($"http://{address}:{port}/health", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
            var problem = await ProblemAssertions.AssertProblemAsync(remote, HttpStatusCode.Forbidden);
            Assert.Contains("loopback", problem.GetProperty("detail").GetString());
            await ProblemAssertions.AssertProblemAsync(remoteList, HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IPAddress? NetworkAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
