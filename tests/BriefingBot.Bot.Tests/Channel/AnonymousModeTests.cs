using BriefingBot.Bot.Channel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace BriefingBot.Bot.Tests.Channel;

public sealed class AnonymousModeTests
{
    [Theory]
    [InlineData("http://localhost:3978", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:3978", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("https://bot.example.org", false)]
    [InlineData("http://10.0.0.5:3978", false)]
    public void IsLoopback_Address_Classified(string address, bool loopback) => Assert.Equal(loopback, AnonymousModeGuard.IsLoopback(address));

    [Fact]
    public async Task Start_AnonymousOnAllInterfaces_ServerStopsItself()
    {
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));
        var app = BotServer.Build(["--urls", "http://0.0.0.0:0", "--data", folder, "--Logging:LogLevel:Default=None"]);
        var stopping = new TaskCompletionSource();
        app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);

            var stopped = await Task.WhenAny(stopping.Task, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

            Assert.Same(stopping.Task, stopped);
            Assert.Equal(1, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = 0;
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Start_AnonymousOnAllInterfacesExplicitlyAllowed_KeepsRunning()
    {
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));
        var app = BotServer.Build(["--urls", "http://0.0.0.0:0", "--data", folder, "--Bot:AllowAnonymousOnPublicAddress=true", "--Logging:LogLevel:Default=None"]);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            await Task.Delay(1000, TestContext.Current.CancellationToken);

            Assert.False(app.Lifetime.ApplicationStopping.IsCancellationRequested);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
