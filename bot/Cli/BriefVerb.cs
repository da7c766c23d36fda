using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Briefings.Rendering;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>brief --doc ID [--doc ID…]</c> or <c>brief --topic "text"</c>: a cited briefing as Markdown (the default and
/// <c>--md</c>), JSON (<c>--json</c>), a Word document (<c>--docx FILE</c>) or an Adaptive Card (<c>--card</c>).
/// </summary>
internal static class BriefVerb
{
    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var documents = args.GetAll("doc");
        var topic = args.Get("topic") ?? (args.Positionals.Count > 0 ? string.Join(' ', args.Positionals) : null);
        if (documents.Count == 0 && string.IsNullOrWhiteSpace(topic))
        {
            throw new CliException("brief needs --doc <id> (repeatable) or --topic \"<text>\".");
        }

        var formats = new[] { context.Json, args.Has("md"), args.Has("docx"), args.Has("card") }.Count(f => f);
        if (formats > 1)
        {
            throw new CliException("brief writes one format at a time: --json, --md, --docx FILE or --card.");
        }

        using var answering = await context.OpenAnsweringAsync(cancellationToken);
        var request = new BriefingRequest
        {
            DocumentIds = documents.ToList(),
            Topic = topic,
            Filter = QueryVerbs.Filter(args) with { DocumentIds = [] },
        };
        var briefing = await answering.Briefings.BuildAsync(request, cancellationToken);

        if (args.Get("docx") is { } file)
        {
            await using (var stream = File.Create(file))
            {
                BriefingDocx.Write(briefing, stream);
            }

            await context.Output.WriteLineAsync($"wrote {Path.GetFullPath(file)} ({briefing.KeyPoints.Count} key points, {briefing.Citations.Count} footnoted sources)");
        }
        else if (context.Json)
        {
            await context.Output.WriteLineAsync(BriefingJson.Serialize(briefing));
        }
        else if (args.Has("card"))
        {
            await context.Output.WriteLineAsync(BriefingAdaptiveCard.Serialize(briefing));
        }
        else
        {
            await context.Output.WriteAsync(BriefingMarkdown.Render(briefing));
        }

        return 0;
    }
}
