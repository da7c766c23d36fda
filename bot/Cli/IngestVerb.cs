using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BriefingBot.Memory;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Web;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>ingest &lt;paths or addresses…&gt; [--id ID] [--title T] [--source S] [--date D] [--tag k=v]…</c> or <c>ingest --jsonl FILE</c>.
/// Folders are read recursively (files of unknown formats are skipped); an http(s) address is fetched as a news page
/// (<see cref="WebPages"/>: the article body, its canonical address as the identity, its dates and outlet); progress
/// and per-item errors go to stderr.
/// </summary>
internal static class IngestVerb
{
    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var jsonl = args.Get("jsonl");
        if (jsonl is null && args.Positionals.Count == 0)
        {
            throw new CliException("ingest needs file or folder paths, or --jsonl FILE.");
        }

        var tags = new TagSet();
        foreach (var tag in args.GetAll("tag"))
        {
            tags.Add(tag);
        }

        DateTimeOffset? published = args.Get("date") is { } date ? ParseDate(date) : null;
        if (args.Get("id") is { } id && (args.Positionals.Count != 1 || Directory.Exists(args.Positionals[0])))
        {
            throw new CliException("--id names one document: give exactly one file with it.");
        }

        using var memory = await context.OpenMemoryAsync(cancellationToken);
        var failures = 0;
        var unreadable = new List<string>();
        var counts = new Dictionary<IngestOutcome, int>();
        var chunks = 0;
        var stopwatch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var requests = jsonl is not null
            ? JsonlRequestsAsync(jsonl, tags, context, unreadable, cancellationToken)
            : FileRequestsAsync(memory, args, tags, published, context, unreadable, cancellationToken);
        await foreach (var result in memory.IngestAsync(requests, cancellationToken))
        {
            counts[result.Outcome] = counts.GetValueOrDefault(result.Outcome) + 1;
            chunks += result.Outcome is IngestOutcome.Created or IngestOutcome.Replaced ? result.Chunks : 0;
            if (result.Outcome == IngestOutcome.Failed)
            {
                failures++;
                await context.Errors.WriteLineAsync($"error: {result.DocumentId}: {result.Error}");
            }

            if (context.Json)
            {
                context.WriteJson(result);
            }
            else if (stopwatch.Elapsed - lastReport > TimeSpan.FromSeconds(2) || counts.Values.Sum() <= 20)
            {
                lastReport = stopwatch.Elapsed;
                await context.Errors.WriteLineAsync(
                    $"[{counts.Values.Sum()}] {result.Outcome.ToString().ToLowerInvariant()} {result.DocumentId} ({result.Chunks} chunks, {result.Tokens} tokens)");
            }
        }

        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key.ToString().ToLowerInvariant()}"));
        await context.Errors.WriteLineAsync($"ingested: {(summary.Length > 0 ? summary : "nothing")}; {chunks} chunks in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return failures + unreadable.Count > 0 ? 1 : 0;
    }

    private static async IAsyncEnumerable<IngestRequest> FileRequestsAsync(
        BriefingMemory memory, CliArguments args, TagSet tags, DateTimeOffset? published, CliContext context, List<string> unreadable,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var fetcher = args.Positionals.Any(p => WebAddress(p) is not null) ? new WebFetcher(FetchOptions(context)) : null;
        var pages = fetcher is null ? null : new WebPages(fetcher, memory.Extraction);
        foreach (var path in args.Positionals)
        {
            if (WebAddress(path) is { } url)
            {
                var read = await pages!.ReadAsync(url, tags, cancellationToken);
                if (read.Page is { Request: var page })
                {
                    yield return page with
                    {
                        DocumentId = args.Get("id") ?? page.DocumentId,
                        Title = args.Get("title") ?? page.Title,
                        Published = published ?? page.Published,
                    };
                }
                else
                {
                    await context.Errors.WriteLineAsync($"error: {read.Error}");
                    unreadable.Add(path);
                }
            }
            else if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                foreach (var file in files)
                {
                    if (!memory.Extraction.Supports(file))
                    {
                        await context.Errors.WriteLineAsync($"skipped: {Path.GetRelativePath(root, file)} (not a supported format)");
                        continue;
                    }

                    if (await ReadAsync(file, root, tags, published, null, null, context, cancellationToken) is { } request)
                    {
                        yield return request;
                    }
                    else
                    {
                        unreadable.Add(file);
                    }
                }
            }
            else
            {
                if (await ReadAsync(path, null, tags, published, args.Get("id"), args.Get("title"), context, cancellationToken) is { } request)
                {
                    yield return request;
                }
                else
                {
                    unreadable.Add(path);
                }
            }
        }
    }

    private static async Task<IngestRequest?> ReadAsync(
        string path, string? root, TagSet tags, DateTimeOffset? published, string? id, string? title, CliContext context, CancellationToken cancellationToken)
    {
        var source = context.Arguments.Get("source");
        try
        {
            var request = await IngestRequest.FromFileAsync(path, root, cancellationToken);
            return request with
            {
                DocumentId = id ?? request.DocumentId,
                Title = title,
                Source = source ?? request.Source,
                Published = published,
                Tags = tags,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Errors.WriteLineAsync($"error: {path}: cannot be read ({e.Message})");
            return null;
        }
    }

    private static async IAsyncEnumerable<IngestRequest> JsonlRequestsAsync(
        string file, TagSet commonTags, CliContext context, List<string> unreadable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            IngestRequest? request = null;
            try
            {
                request = JsonlRecord.Parse(line, commonTags);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException)
            {
                await context.Errors.WriteLineAsync($"error: {file}:{lineNumber}: {e.Message}");
                unreadable.Add($"{file}:{lineNumber}");
            }

            if (request is not null)
            {
                yield return request;
            }
        }
    }

    private static Uri? WebAddress(string argument) =>
        Uri.TryCreate(argument, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    private static FetchOptions FetchOptions(CliContext context)
    {
        var options = context.Configuration.GetSection(Memory.Web.FetchOptions.SectionName).Get<FetchOptions>() ?? new FetchOptions();
        return options.Validate() is { Count: > 0 } problems ? throw new CliException(string.Join(" ", problems)) : options;
    }

    internal static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new CliException($"--date '{value}' is not a date (use e.g. 2021-12-21).");
}
