using BriefingBot.Bot.Contracts;

namespace BriefingBot.Bot.Cli;

/// <summary><c>list [--tag k=v]… [--skip N] [--take N]</c> and <c>delete &lt;id&gt;…</c>.</summary>
internal static class DocumentVerbs
{
    public static async Task<int> ListAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        using var memory = await context.OpenMemoryAsync(cancellationToken);
        var documents = await memory.ListAsync(QueryVerbs.Filter(args), args.GetInt("skip", 0), args.GetInt("take", 1000), cancellationToken);
        if (context.Json)
        {
            context.WriteJson(new { documents = documents.Select(DocumentResponse.From).ToList() });
            return 0;
        }

        foreach (var d in documents)
        {
            var tags = d.Tags.Count > 0 ? "  " + string.Join(", ", d.Tags.SelectMany(t => t.Value.Select(v => $"{t.Key}={v}"))) : "";
            context.Output.WriteLine($"{d.Id}  \"{d.Title}\"  {d.ChunkCount} chunks, {d.TokenCount} tokens{tags}");
        }

        var stats = await memory.Store.GetStatisticsAsync(cancellationToken);
        await context.Errors.WriteLineAsync($"{stats.Documents} documents, {stats.Chunks} chunks, {stats.BytesOnDisk / 1024.0 / 1024.0:F1} MB ({stats.EmbeddingModel})");
        return 0;
    }

    public static async Task<int> DeleteAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (context.Arguments.Positionals.Count == 0)
        {
            throw new CliException("delete needs one or more document ids.");
        }

        using var memory = await context.OpenMemoryAsync(cancellationToken);
        var missing = 0;
        foreach (var id in context.Arguments.Positionals)
        {
            var deleted = await memory.DeleteAsync(id, cancellationToken);
            missing += deleted ? 0 : 1;
            if (context.Json)
            {
                context.WriteJson(new { documentId = id, deleted });
            }
            else
            {
                await (deleted ? context.Output : context.Errors).WriteLineAsync(deleted ? $"deleted {id}" : $"error: no document '{id}'");
            }
        }

        return missing > 0 ? 1 : 0;
    }
}
