using BriefingBot.Memory.Storage;
using BriefingBot.Memory.DirectLine;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using BriefingBot.Bot.WebChat;
using Microsoft.AspNetCore.RateLimiting;
using BriefingBot.Memory;

namespace BriefingBot.Bot.DirectLine;

/// <summary>Registers and maps the bot's own Direct Line 3.0 service, the chat page and the embed script.</summary>
public static class DirectLineSetup
{
    public const string CorsPolicy = "directline";
    public const string PostPolicy = "directline-post";
    public const string ReadPolicy = "directline-read";
    public const string TokenPolicy = "directline-token";

    public static DirectLineOptions AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DirectLineOptions.SectionName).Get<DirectLineOptions>() ?? new DirectLineOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The Direct Line settings cannot be used: " + string.Join(" ", problems));
        }

        if (!options.Enabled)
        {
            return options;
        }

        services.AddSingleton(options);
        services.AddSingleton<DirectLineOrigins>();
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().CreateDirectLineStore(
            Path.Combine(sp.GetRequiredService<MemoryOptions>().DataFolder, options.StoreFile), options.MaxStoreBytes));
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IDirectLineStore>();
            var key = options.SigningKey is { Length: > 0 } configured ? DirectLineOptions.DecodeKey(configured)! : store.SigningKeyAsync(CancellationToken.None).GetAwaiter().GetResult();
            return new DirectLineTokens(key, options, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<ConversationHub>();
        services.AddSingleton<DirectLineTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectLineTurns>());
        services.AddHostedService<DirectLineRetention>();
        services.AddHostedService<DirectLineChangeListener>();
        services.AddSingleton<DirectLineEndpoints>();
        services.AddSingleton<DirectLineStream>();
        services.AddSingleton<WebChatPage>();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. DirectLineOrigins.Configured(options)])
            .WithHeaders("authorization", "content-type", "x-ms-bot-agent", "x-requested-with")
            .WithMethods("GET", "POST")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 10;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { error = new { code = "TooManyRequests", message = $"Too many requests from this client; retry in {retry} s." } }, cancellationToken);
            };
            // Posts and reads are limited per client (token, or site secret) by the endpoint's policy and, in addition,
            // per client address by the global limiter, so that many tokens from one address do not multiply its share.
            limiter.AddPolicy(PostPolicy, context => Bucket(ClientKey(context), options.PostsPerMinute));
            limiter.AddPolicy(ReadPolicy, context => Bucket(ClientKey(context), options.ReadsPerMinute));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName switch
                {
                    PostPolicy => Bucket($"ip:{ClientAddress(context)}:post", options.PostsPerMinutePerAddress),
                    ReadPolicy => Bucket($"ip:{ClientAddress(context)}:read", options.ReadsPerMinutePerAddress),
                    _ => RateLimitPartition.GetNoLimiter(""),
                });
            limiter.AddPolicy(TokenPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.TokensPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return options;
    }

    public static void MapDirectLine(this WebApplication app, DirectLineOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        if (options.Secrets.Count == 0)
        {
            app.Logger.LogInformation(
                "No DirectLine:Secrets configured: a secret was made at start-up for the bot's own page; it never leaves the server. " +
                "Configure DirectLine:Secrets for other sites' backends to call {Path}.", DirectLineEndpoints.Base + "/tokens/generate");
        }

        app.Logger.LogInformation("Direct Line at {Path}, conversations in {Store}; origins allowed to embed: {Origins}",
            DirectLineEndpoints.Base, app.Services.GetRequiredService<IDirectLineStore>().Location,
            options.AllowedOrigins.Count == 0 ? "none (the bot's own page only)" : string.Join(", ", options.AllowedOrigins));

        app.UseCors();
        app.UseRateLimiter();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });

        var endpoints = app.Services.GetRequiredService<DirectLineEndpoints>();
        var stream = app.Services.GetRequiredService<DirectLineStream>();
        var directLine = app.MapGroup(DirectLineEndpoints.Base).RequireCors(CorsPolicy);
        directLine.MapPost("/tokens/generate", (Func<HttpContext, Task<IResult>>)endpoints.GenerateAsync).RequireRateLimiting(TokenPolicy);
        directLine.MapPost("/tokens/refresh", (Func<HttpContext, Task<IResult>>)endpoints.RefreshAsync).RequireRateLimiting(ReadPolicy);
        directLine.MapPost("/conversations", (Func<HttpContext, Task<IResult>>)endpoints.StartAsync).RequireRateLimiting(TokenPolicy);
        directLine.MapGet("/conversations/{conversationId}", (Func<HttpContext, string, Task<IResult>>)endpoints.ReconnectAsync).RequireRateLimiting(ReadPolicy);
        directLine.MapPost("/conversations/{conversationId}/activities", (Func<HttpContext, string, Task<IResult>>)endpoints.PostActivityAsync).RequireRateLimiting(PostPolicy);
        directLine.MapGet("/conversations/{conversationId}/activities", (Func<HttpContext, string, Task<IResult>>)endpoints.GetActivitiesAsync).RequireRateLimiting(ReadPolicy);
        directLine.MapPost("/conversations/{conversationId}/upload", (Func<HttpContext, string, Task<IResult>>)endpoints.UploadAsync).RequireRateLimiting(PostPolicy);
        directLine.MapGet("/conversations/{conversationId}/stream", (Func<HttpContext, string, Task<IResult>>)stream.ConnectAsync).RequireRateLimiting(ReadPolicy);
        directLine.MapGet("/attachments/{id}", (Func<HttpContext, string, Task<IResult>>)endpoints.GetAttachmentAsync).RequireRateLimiting(ReadPolicy);

        app.Services.GetRequiredService<WebChatPage>().Map(app);
    }

    /// <summary>So many requests a minute, a burst of up to a third of them at once.</summary>
    private static RateLimitPartition<string> Bucket(string key, int perMinute) => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, perMinute / 3),
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / perMinute),
        QueueLimit = 0,
    });

    /// <summary>The client's address: the connection's, which a known proxy's <c>X-Forwarded-For</c> has already replaced.</summary>
    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";

    private static string ClientKey(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var credential = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : context.Request.Query["t"].ToString();
        var tokens = context.RequestServices.GetRequiredService<DirectLineTokens>();
        return credential.Length > 0 && tokens.PartitionOf(credential) is { } partition
            ? partition
            : "ip:" + ClientAddress(context);
    }
}
