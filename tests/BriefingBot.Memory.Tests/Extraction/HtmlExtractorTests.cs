using System.Text;
using BriefingBot.Memory.Ingestion.Extraction;

namespace BriefingBot.Memory.Tests.Extraction;

public sealed class HtmlExtractorTests
{
    private const string NewsPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Harbour bridge reopens after repairs | The Daily Ledger</title>
          <meta property="og:title" content="Harbour bridge reopens after two-year repair">
          <meta property="article:published_time" content="2025-06-02T07:15:00+02:00">
          <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-06-01T00:00:00Z"}</script>
          <style>.cookie-banner { position: fixed; }</style>
          <script>window.dataLayer = []; function track() { return "tracking code"; }</script>
        </head>
        <body class="post-template-default single single-post has-sidebar">
          <div id="cookie-notice" class="cookie-banner" role="dialog">
            <p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>
            <button>Accept all</button>
          </div>
          <header class="site-header">
            <a href="/" class="logo">The Daily Ledger</a>
            <nav class="main-navigation"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
          </header>
          <div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; City</div>
          <div id="page" class="site-content">
            <main id="main" class="site-main">
              <article id="post-4711" class="post-4711 post type-post status-publish hentry category-city tag-social-housing">
                <header class="entry-header">
                  <h1 class="entry-title">Harbour bridge reopens</h1>
                  <div class="entry-meta">By Ana Ruiz &middot; <time class="entry-date" datetime="2025-06-02T07:15:00+02:00">2 June 2025</time></div>
                </header>
                <div class="share-buttons" aria-label="Share this article">
                  <a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a>
                </div>
                <div class="entry-content">
                  <p>The harbour bridge reopened to traffic on Monday after a two-year, &euro;80&nbsp;million repair of its
                     corroded steel cables.</p>
                  <p>Engineers replaced <strong>all 96 stay cables</strong> and resurfaced the deck, the city's transport
                     department said.</p>
                  <div class="ad-slot"><p>Advertisement: Buy the new Phone X today</p></div>
                  <h2>Traffic expected to ease</h2>
                  <p>Commuters had faced detours of up to 40 minutes while the crossing was closed.</p>
                  <blockquote><p>"This is a good day for the city," the mayor said.</p></blockquote>
                  <ul><li>Speed limit: 50 km/h</li><li>Cyclists use the east lane</li></ul>
                  <figure><img src="bridge.jpg" alt="The bridge at dawn"><figcaption>The bridge at dawn on Monday.</figcaption></figure>
                  <div class="newsletter-signup"><p>Get the morning briefing in your inbox. Subscribe now!</p></div>
                </div>
                <footer class="entry-footer">Posted in City. Tagged social housing.</footer>
              </article>
              <section class="related-posts"><h3>Related stories</h3><article><p>Ferry fares rise again as fuel costs bite into operator margins.</p></article></section>
              <div id="comments" class="comments-area">
                <h2 class="comments-title">2 thoughts on "Harbour bridge reopens"</h2>
                <ol class="comment-list">
                  <li id="comment-12" class="comment even thread-even depth-1">
                    <article id="div-comment-12" class="comment-body">
                      <footer class="comment-meta">Jo says: <time datetime="2025-06-03T10:00:00+00:00">3 June</time></footer>
                      <div class="comment-content"><p>Finally! It took them long enough to fix this bridge, honestly.</p></div>
                      <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
                    </article>
                  </li>
                </ol>
                <div id="respond" class="comment-respond">
                  <h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
                  <form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
                    <p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked *</p>
                    <p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p>
                    <p class="form-submit"><input type="submit" value="Post Comment"></p>
                  </form>
                </div>
              </div>
            </main>
            <aside id="secondary" class="widget-area"><section class="widget"><h2>Most read</h2><p>Council approves the new budget for schools and libraries this year.</p></section></aside>
          </div>
          <footer id="colophon" class="site-footer"><p>&copy; 2025 The Daily Ledger. All rights reserved. Privacy policy.</p></footer>
        </body>
        </html>
        """;

    private static ExtractedText Extract(byte[] bytes, string fileName = "bridge.html") =>
        new HtmlExtractor().Extract(bytes, fileName, TestContext.Current.CancellationToken);

    [Fact]
    public void Extract_NewsPage_KeepsArticleBodyInOrder()
    {
        var result = Extract(Encoding.UTF8.GetBytes(NewsPage));

        Assert.Equal(
            [
                "Harbour bridge reopens",
                "By Ana Ruiz · 2 June 2025",
                "The harbour bridge reopened to traffic on Monday after a two-year, €80 million repair of its corroded steel cables.",
                "Engineers replaced all 96 stay cables and resurfaced the deck, the city's transport department said.",
                "Traffic expected to ease",
                "Commuters had faced detours of up to 40 minutes while the crossing was closed.",
                "\"This is a good day for the city,\" the mayor said.",
                "Speed limit: 50 km/h",
                "Cyclists use the east lane",
                "The bridge at dawn on Monday.",
            ],
            result.Text.Split("\n\n"));
    }

    [Theory]
    [InlineData("cookie")]
    [InlineData("Accept all")]
    [InlineData("Daily Ledger")]
    [InlineData("Opinion")]
    [InlineData("Home")]
    [InlineData("Share on")]
    [InlineData("Advertisement")]
    [InlineData("Subscribe")]
    [InlineData("Posted in")]
    [InlineData("Related stories")]
    [InlineData("Ferry fares")]
    [InlineData("thoughts on")]
    [InlineData("Finally!")]
    [InlineData("Reply")]
    [InlineData("Your email address will not be published")]
    [InlineData("Post Comment")]
    [InlineData("Most read")]
    [InlineData("All rights reserved")]
    [InlineData("tracking code")]
    [InlineData("position: fixed")]
    public void Extract_NewsPage_DropsBoilerplate(string boilerplate)
    {
        var result = Extract(Encoding.UTF8.GetBytes(NewsPage));

        Assert.DoesNotContain(boilerplate, result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Extract_NewsPage_ReadsMetadata()
    {
        var result = Extract(Encoding.UTF8.GetBytes(NewsPage));

        Assert.Equal("Harbour bridge reopens after two-year repair", result.Title);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 7, 15, 0, TimeSpan.FromHours(2)), result.Published);
        Assert.Equal("text/html", result.ContentType);
    }

    [Fact]
    public void Extract_NoArticleOrMain_ScoresDensestParagraphs()
    {
        const string page = """
            <html><head><title>Flood warning issued</title>
            <script type="application/ld+json">[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-01-20T06:00:00Z"}]</script></head>
            <body>
              <div class="top"><a href="/">Home</a> <a href="/weather">Weather</a> <a href="/local">Local</a></div>
              <div class="wrapper">
                <div class="col-left"><a href="/a">Short link one</a><br><a href="/b">Short link two</a></div>
                <div class="col-right">
                  <h1>Flood warning for the river valley</h1>
                  <p>Forecasters issued a flood warning on Monday, after three days of heavy rain, for towns along the river.</p>
                  <p>Residents were told to move valuables upstairs, avoid driving through water, and check on neighbours.</p>
                  <p>The river is expected to peak on Wednesday, officials said, before slowly falling.</p>
                </div>
              </div>
            </body></html>
            """;

        var result = Extract(Encoding.UTF8.GetBytes(page));

        Assert.StartsWith("Flood warning for the river valley\n\nForecasters issued", result.Text);
        Assert.EndsWith("before slowly falling.", result.Text);
        Assert.DoesNotContain("Short link", result.Text);
        Assert.Equal("Flood warning for the river valley", result.Title);
        Assert.Equal(new DateTimeOffset(2025, 1, 20, 6, 0, 0, TimeSpan.Zero), result.Published);
    }

    [Fact]
    public void Extract_MainWithTableAndMetaDate_ReadsRowsAndDate()
    {
        const string page = """
            <html><head><meta name="date" content="2024-11-06"><title>Results</title></head>
            <body><main><h2>Seats won</h2><p>Counting finished overnight.</p>
            <table><tr><th>Party</th><th>Seats</th></tr><tr><td>Greens</td><td>12</td></tr></table></main></body></html>
            """;

        var result = Extract(Encoding.UTF8.GetBytes(page));

        Assert.Equal("Seats won\n\nCounting finished overnight.\n\nParty | Seats\n\nGreens | 12", result.Text);
        Assert.Equal("Results", result.Title);
        Assert.Equal(new DateTimeOffset(2024, 11, 6, 0, 0, 0, TimeSpan.Zero), result.Published);
    }

    [Fact]
    public void Extract_MetaCharsetWindows1252_DecodesAccordingly()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>"
            + "<body><article><p>Caf\u00e9 owners \u201cwelcome\u201d the \u20ac5 tax cut.</p></article></body></html>";
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(html);

        var result = Extract(bytes);

        Assert.Equal("Caf\u00e9 owners \u201cwelcome\u201d the \u20ac5 tax cut.", result.Text);
    }
}
