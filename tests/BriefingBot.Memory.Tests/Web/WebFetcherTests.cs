using System.Net;
using System.Text;
using BriefingBot.Memory.Tests.Support;
using BriefingBot.Memory.Web;

namespace BriefingBot.Memory.Tests.Web;

/// <summary>The fetcher against a real HTTP server on loopback that the tests write, as a hostile or broken site would be.</summary>
public sealed class WebFetcherTests : IAsyncLifetime
{
    private readonly LoopbackSite _site = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FetchOptions Loopback(Action<FetchOptions>? change = null)
    {
        var options = new FetchOptions { AllowPrivateNetworks = true };
        change?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task PrivateAddress_RefusedByDefault_NoRequestReachesIt()
    {
        _site.Map("/story", SiteResponse.Html("<p>inner</p>"));
        using var fetcher = new WebFetcher(new FetchOptions());

        var result = await fetcher.FetchAsync(_site.Url("/story"), cancellationToken: Ct);

        Assert.Equal(FetchStatus.Refused, result.Status);
        Assert.Contains("Feeds:AllowPrivateNetworks", result.Error, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2a00:1450:4001::200e", true)]
    public void NetworkGuard_OnlyPublicUnicast(string address, bool expected) =>
        Assert.Equal(expected, NetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task SecondFetch_SendsItsValidators_NotModifiedDoesNoWork()
    {
        _site.Map("/feed", r => r.Headers.GetValueOrDefault("if-none-match") == "\"v1\""
            ? SiteResponse.Status(304)
            : SiteResponse.Html("<p>first</p>", ("ETag", "\"v1\""), ("Last-Modified", "Tue, 01 Dec 2026 08:00:00 GMT")));
        using var fetcher = new WebFetcher(Loopback());

        var first = await fetcher.FetchAsync(_site.Url("/feed"), cancellationToken: Ct);
        var second = await fetcher.FetchAsync(_site.Url("/feed"), new FetchValidators(first.ETag, first.LastModified), Ct);

        Assert.Equal(FetchStatus.Fetched, first.Status);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.True(second.Content.IsEmpty);
        var conditional = _site.RequestsFor("/feed")[1];
        Assert.Equal("\"v1\"", conditional.Headers["if-none-match"]);
        Assert.Equal("Tue, 01 Dec 2026 08:00:00 GMT", conditional.Headers["if-modified-since"]);
        Assert.StartsWith("BriefingBot/", conditional.Headers["user-agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyRequests_SaysWhenToComeBack()
    {
        _site.Map("/busy", SiteResponse.Status(429, ("Retry-After", "120")));
        using var fetcher = new WebFetcher(Loopback());

        var result = await fetcher.FetchAsync(_site.Url("/busy"), cancellationToken: Ct);

        Assert.Equal(FetchStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task NotFoundAndServerError_AreFailuresThatNameTheStatus()
    {
        _site.Map("/broken", SiteResponse.Status(500));
        using var fetcher = new WebFetcher(Loopback());

        var missing = await fetcher.FetchAsync(_site.Url("/gone"), cancellationToken: Ct);
        var broken = await fetcher.FetchAsync(_site.Url("/broken"), cancellationToken: Ct);

        Assert.Equal((FetchStatus.Failed, 404), (missing.Status, missing.HttpStatus));
        Assert.StartsWith("404", missing.Error, StringComparison.Ordinal);
        Assert.Equal((FetchStatus.Failed, 500), (broken.Status, broken.HttpStatus));
    }

    [Fact]
    public async Task Redirects_Followed_LoopsAndLongChainsRefused()
    {
        _site.Map("/old", SiteResponse.Redirect("/new", 301)).Map("/new", SiteResponse.Html("<p>moved</p>"));
        _site.Map("/a", SiteResponse.Redirect("/b")).Map("/b", SiteResponse.Redirect("/a"));
        for (var i = 0; i < 8; i++)
        {
            _site.Map($"/hop{i}", SiteResponse.Redirect($"/hop{i + 1}"));
        }

        using var fetcher = new WebFetcher(Loopback(o => o.MaxRedirects = 5));

        var moved = await fetcher.FetchAsync(_site.Url("/old"), cancellationToken: Ct);
        var loop = await fetcher.FetchAsync(_site.Url("/a"), cancellationToken: Ct);
        var chain = await fetcher.FetchAsync(_site.Url("/hop0"), cancellationToken: Ct);
        var scheme = await fetcher.FetchAsync(new Uri("file:///etc/passwd"), cancellationToken: Ct);

        Assert.Equal(FetchStatus.Fetched, moved.Status);
        Assert.Equal("/new", moved.Url.AbsolutePath);
        Assert.Equal((FetchStatus.Failed, "redirect loop"), (loop.Status, loop.Error));
        Assert.Equal(FetchStatus.Failed, chain.Status);
        Assert.Contains("Feeds:MaxRedirects", chain.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Refused, scheme.Status);
    }

    [Fact]
    public async Task OversizedBody_RefusedAlsoWhenItOnlyGrowsOnDecompression()
    {
        _site.Map("/big", SiteResponse.Html(new string('x', 20_000)));
        _site.Map("/bomb", SiteResponse.Html(new string('a', 500_000)) with { Gzip = true });
        _site.Map("/small", SiteResponse.Html("<p>" + new string('b', 1000) + "</p>") with { Gzip = true });
        using var fetcher = new WebFetcher(Loopback(o => o.MaxBytes = 10_000));

        var big = await fetcher.FetchAsync(_site.Url("/big"), cancellationToken: Ct);
        var bomb = await fetcher.FetchAsync(_site.Url("/bomb"), cancellationToken: Ct);
        var small = await fetcher.FetchAsync(_site.Url("/small"), cancellationToken: Ct);

        Assert.Equal(FetchStatus.Failed, big.Status);
        Assert.Contains("Feeds:MaxBytes", big.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Failed, bomb.Status);
        Assert.Contains("Feeds:MaxBytes", bomb.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Fetched, small.Status);
        Assert.Equal("<p>" + new string('b', 1000) + "</p>", Encoding.UTF8.GetString(small.Content.Span));
    }

    [Fact]
    public async Task SlowServer_TimesOutWithTheSetting()
    {
        _site.Map("/slow", SiteResponse.Html("<p>late</p>") with { Delay = TimeSpan.FromSeconds(10) });
        using var fetcher = new WebFetcher(Loopback(o => o.Timeout = TimeSpan.FromSeconds(1)));

        var result = await fetcher.FetchAsync(_site.Url("/slow"), cancellationToken: Ct);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("Feeds:Timeout", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RobotsTxt_Honoured_ForThisAgent_AndAnUnreadableOneStopsTheSite()
    {
        _site.Map("/robots.txt", SiteResponse.Text("text/plain", "User-agent: *\nDisallow: /\n\nUser-agent: BriefingBot\nDisallow: /private\nAllow: /private/press\n"));
        _site.Map("/private/memo", SiteResponse.Html("<p>memo</p>")).Map("/private/press/release", SiteResponse.Html("<p>release</p>")).Map("/news", SiteResponse.Html("<p>news</p>"));
        using var fetcher = new WebFetcher(Loopback());

        var memo = await fetcher.FetchAsync(_site.Url("/private/memo"), cancellationToken: Ct);
        var release = await fetcher.FetchAsync(_site.Url("/private/press/release"), cancellationToken: Ct);
        var news = await fetcher.FetchAsync(_site.Url("/news"), cancellationToken: Ct);

        Assert.Equal(FetchStatus.Refused, memo.Status);
        Assert.Contains("robots.txt", memo.Error, StringComparison.Ordinal);
        Assert.Empty(_site.RequestsFor("/private/memo"));
        Assert.Equal(FetchStatus.Fetched, release.Status);
        Assert.Equal(FetchStatus.Fetched, news.Status);
        Assert.Single(_site.RequestsFor("/robots.txt"));

        await using var down = new LoopbackSite();
        down.Map("/robots.txt", SiteResponse.Status(500)).Map("/news", SiteResponse.Html("<p>news</p>"));
        var refused = await fetcher.FetchAsync(down.Url("/news"), cancellationToken: Ct);
        Assert.Equal(FetchStatus.Refused, refused.Status);
        Assert.Empty(down.RequestsFor("/news"));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/private", false)]
    [InlineData("/private/", false)]
    [InlineData("/private/press/x", true)]
    [InlineData("/search?q=x", false)]
    [InlineData("/files/a.pdf", false)]
    [InlineData("/files/a.pdf?x", true)]
    [InlineData("/files/a.html", true)]
    public void RobotsTxt_LongestMatchWins_WildcardsAndEndAnchors(string path, bool allowed)
    {
        var rules = RobotsTxt.Parse(
            "# comment\nUser-agent: otherbot\nDisallow: /\n\nUser-agent: briefingbot\nUser-agent: somebot\nDisallow: /private\nAllow: /private/press\nDisallow: /*?q=\nDisallow: /*.pdf$\n",
            "BriefingBot/1.0 (+https://example)");

        Assert.Equal(allowed, rules.Allows(path));
    }

    [Fact]
    public void Options_ThatCannotBeUsed_NameTheSetting()
    {
        var problems = new FetchOptions { MaxBytes = 0, Timeout = TimeSpan.Zero, MaxRedirects = -1, UserAgent = " " }.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Feeds:MaxBytes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Feeds:Timeout", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new WebFetcher(new FetchOptions { MaxRedirects = 99 }));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
