using System.Net;
using System.Text;

namespace BriefingBot.Evaluation.Data;

/// <summary>
/// A news web page built around a real article body, in one of the layouts news sites use, with the boilerplate they
/// carry: navigation, a cookie banner, share bars, a newsletter box, "most read" and related-story lists, inline
/// "read more" links and advertisements, picture captions, comments and a footer. The boilerplate reuses the
/// headlines and sentences of <em>other</em> articles, so it reads like content, as it does on real sites.
/// </summary>
internal static class NewsPage
{
    public static readonly string[] Layouts = ["semantic", "div-soup", "interleaved"];

    /// <summary>The page, and the article text an extractor should keep (title and paragraphs).</summary>
    public static string Build(string layout, SummaryArticle article, IReadOnlyList<SummaryArticle> others, int seed)
    {
        var random = new Random(seed);
        var paragraphs = Paragraphs(article);
        var headlines = others.Select(o => o.Title).OrderBy(_ => random.Next()).Take(8).ToList();
        var strangers = others.SelectMany(o => Paragraphs(o).Take(2)).OrderBy(_ => random.Next()).Take(4).ToList();
        var page = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        page.Append("<title>").Append(E(article.Title)).Append(" - Daily Courier</title>");
        page.Append("<meta property=\"og:title\" content=\"").Append(E(article.Title)).Append("\">");
        page.Append("<script>window.dataLayer=[];function track(){}</script><style>.promo{color:red}</style></head><body>");
        switch (layout)
        {
            case "semantic":
                Header(page, semantic: true);
                page.Append("<main><article><h1>").Append(E(article.Title)).Append("</h1>");
                page.Append("<div class=\"byline\">By Staff Reporter · 3 min read</div>");
                ShareBar(page);
                foreach (var p in paragraphs)
                {
                    page.Append("<p>").Append(E(p)).Append("</p>");
                }

                page.Append("</article>");
                Related(page, "Related stories", headlines.Take(4), semantic: true);
                page.Append("</main>");
                MostRead(page, headlines.Skip(4), semantic: true);
                Footer(page, semantic: true);
                break;
            case "div-soup":
                Header(page, semantic: false);
                page.Append("<div class=\"wrapper\"><div class=\"col-left\"><div class=\"story-body\"><div class=\"headline\"><span>")
                    .Append(E(article.Title)).Append("</span></div>");
                ShareBar(page);
                foreach (var p in paragraphs)
                {
                    page.Append("<div class=\"text\">").Append(E(p)).Append("</div>");
                }

                page.Append("</div>");
                Newsletter(page);
                Comments(page, strangers);
                page.Append("</div><div class=\"col-right\">");
                MostRead(page, headlines.Take(5), semantic: false);
                Related(page, "More from Business", headlines.Skip(5), semantic: false);
                page.Append("</div></div>");
                Footer(page, semantic: false);
                break;
            case "interleaved":
                Header(page, semantic: true);
                page.Append("<article><header><h1>").Append(E(article.Title)).Append("</h1><p class=\"standfirst\">Updated 2 hours ago</p></header>");
                page.Append("<figure><img src=\"a.jpg\" alt=\"\"><figcaption>Photo: file picture (Getty Images)</figcaption></figure>");
                for (var i = 0; i < paragraphs.Count; i++)
                {
                    page.Append("<p>").Append(E(paragraphs[i])).Append("</p>");
                    if (i % 3 == 1 && i / 3 < headlines.Count)
                    {
                        page.Append("<p class=\"read-more\"><strong>Read more:</strong> <a href=\"/s").Append(i).Append("\">")
                            .Append(E(headlines[i / 3])).Append("</a></p>");
                    }

                    if (i % 4 == 2)
                    {
                        page.Append("<div class=\"ad-slot\"><span>Advertisement</span><div class=\"ad\">Save 30% on your first year. Subscribe today.</div></div>");
                    }
                }

                page.Append("</article>");
                Comments(page, strangers);
                Footer(page, semantic: true);
                break;
            default:
                throw new ArgumentException($"Unknown layout '{layout}'.");
        }

        page.Append("<div id=\"cookie-banner\" class=\"cookie-consent\"><p>We use cookies to improve your experience and to show you relevant advertising. By continuing you agree to our use of cookies.</p><a href=\"/privacy\">Manage preferences</a></div>");
        return page.Append("</body></html>").ToString();
    }

    /// <summary>What should be kept: the title and the paragraphs.</summary>
    public static string Expected(SummaryArticle article) => article.Title + "\n\n" + string.Join("\n\n", Paragraphs(article));

    private static List<string> Paragraphs(SummaryArticle article)
    {
        var parts = article.Article.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return parts.Count > 1 && parts[0] == article.Title.Trim() ? parts.Skip(1).ToList() : parts;
    }

    private static void Header(StringBuilder page, bool semantic)
    {
        var links = "<a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/business\">Business</a> <a href=\"/sport\">Sport</a> <a href=\"/culture\">Culture</a> <a href=\"/travel\">Travel</a>";
        page.Append(semantic
            ? $"<header><div class=\"logo\">Daily Courier</div><nav>{links}</nav><form><input name=\"q\"><button>Search</button></form></header>"
            : $"<div class=\"top\"><div class=\"logo\">Daily Courier</div><div class=\"menu\">{links}</div><div class=\"signin\"><a href=\"/login\">Sign in</a></div></div>");
    }

    private static void ShareBar(StringBuilder page) =>
        page.Append("<div class=\"share\"><span>Share this article</span> <a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a> <a href=\"#\">Email</a> <a href=\"#\">Copy link</a></div>");

    private static void Newsletter(StringBuilder page) =>
        page.Append("<div class=\"newsletter promo\"><h3>Get the morning briefing</h3><div>Sign up for our free newsletter and get the day's top stories in your inbox every morning.</div><div class=\"btn\">Sign up</div></div>");

    private static void Related(StringBuilder page, string heading, IEnumerable<string> headlines, bool semantic)
    {
        page.Append(semantic ? "<aside class=\"related\"><h2>" : "<div class=\"related\"><div class=\"title\">").Append(E(heading)).Append(semantic ? "</h2><ul>" : "</div><ul>");
        foreach (var h in headlines)
        {
            page.Append("<li><a href=\"/r\">").Append(E(h)).Append("</a></li>");
        }

        page.Append(semantic ? "</ul></aside>" : "</ul></div>");
    }

    private static void MostRead(StringBuilder page, IEnumerable<string> headlines, bool semantic) =>
        Related(page, "Most read", headlines, semantic);

    private static void Comments(StringBuilder page, IEnumerable<string> sentences)
    {
        page.Append("<div class=\"comments\"><div class=\"comments-title\">Comments (4)</div>");
        var n = 0;
        foreach (var s in sentences)
        {
            page.Append("<div class=\"comment\"><div class=\"author\">reader").Append(++n).Append("</div><div class=\"comment-text\">").Append(E(s)).Append("</div></div>");
        }

        page.Append("</div>");
    }

    private static void Footer(StringBuilder page, bool semantic) =>
        page.Append(semantic ? "<footer>" : "<div class=\"footer\">")
            .Append("<p>© 2026 Daily Courier. All rights reserved.</p><a href=\"/terms\">Terms of use</a> <a href=\"/privacy\">Privacy policy</a> <a href=\"/contact\">Contact us</a>")
            .Append(semantic ? "</footer>" : "</div>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
