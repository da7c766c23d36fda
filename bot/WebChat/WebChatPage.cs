using BriefingBot.Bot.DirectLine;
using BriefingBot.Memory;
using Microsoft.Extensions.FileProviders;

namespace BriefingBot.Bot.WebChat;

/// <summary>
/// The chat page at <c>/</c>, the embed script at <c>/embed.js</c>, Web Chat's bundle, and <c>POST /webchat/token</c>,
/// which gives the page (or an embedding page of an allowed origin) a token while the secret stays on the server.
/// The page's own origin is <c>Bot:PublicUrl</c> or the listening address, never the request's <c>Host</c>.
/// A refused origin may read why it was refused, never a token. The page's header says how answers are made: quoted
/// from the sources, or written by a model when one is configured.
/// </summary>
public sealed class WebChatPage(DirectLineEndpoints endpoints, DirectLineOrigins origins, BriefingAnswering answering, ILogger<WebChatPage> logger)
{
    public const string TokenPath = "/webchat/token";
    public const string BundleFile = "webchat.js";
    public const string QuotedNotice = "Answers are sentences quoted from the briefings, chosen by the bot. Click a footnote to read the passage and its source.";
    public const string GeneratedNotice = "Answers are AI-generated from the briefings and checked against the passages they cite. Click a footnote to read the quoted passage.";
    private const string PageFile = "index.html";
    private const string NoticeMarker = "{{answers-notice}}";

    /// <summary>The page's files, copied beside the executable by the build.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "webchat");

    public static bool BundlePresent => File.Exists(Path.Combine(Folder, BundleFile));

    public void Map(WebApplication app)
    {
        if (!BundlePresent)
        {
            logger.LogWarning("{Bundle} is missing from {Folder}: the build could not fetch botframework-webchat from npm, so the chat page cannot start. " +
                "Build once with access to the npm registry (or its cache).", BundleFile, Folder);
        }

        app.MapPost(TokenPath, (Func<HttpContext, IResult>)IssueToken)
            .RequireCors(DirectLineSetup.CorsPolicy)
            .RequireRateLimiting(DirectLineSetup.TokenPolicy);
        if (!Directory.Exists(Folder))
        {
            logger.LogWarning("The chat page's folder {Folder} is missing", Folder);
            return;
        }

        var page = File.Exists(Path.Combine(Folder, PageFile))
            ? File.ReadAllText(Path.Combine(Folder, PageFile)).Replace(NoticeMarker, answering.Model is null ? QuotedNotice : GeneratedNotice, StringComparison.Ordinal)
            : null;
        app.Use(async (context, next) =>
        {
            if (page is not null && HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is "/" or "/" + PageFile)
            {
                SecurePage(context.Response.Headers);
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(page, context.RequestAborted);
                return;
            }

            await next(context);
        });

        var files = new PhysicalFileProvider(Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = context.File.Name == BundleFile ? "public, max-age=3600" : "no-cache";
                if (context.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    SecurePage(headers);
                }
                else if (context.File.Name == "embed.js")
                {
                    headers.AccessControlAllowOrigin = "*";
                }
            },
        });
    }

    private static void SecurePage(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            "connect-src 'self' ws: wss:; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        headers["Referrer-Policy"] = "no-referrer";
    }

    private IResult IssueToken(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (!origins.MayUse(origin))
        {
            logger.LogInformation("Refused a chat token to origin {Origin}", origin.Length == 0 ? "(none)" : origin);
            if (DirectLineOrigins.Normalize(origin) is { } refused)
            {
                context.Response.Headers.AccessControlAllowOrigin = refused;
                context.Response.Headers.Vary = "Origin";
            }

            return DirectLineErrors.Forbidden(origin.Length == 0
                ? "A chat token is given to web pages only (the request has no Origin)."
                : $"The origin {origin} may not embed this chat (DirectLine:AllowedOrigins).");
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(endpoints.PageToken());
    }
}
