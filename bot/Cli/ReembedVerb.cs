using BriefingBot.Memory;
using BriefingBot.Memory.Embedding;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>reembed</c>: after <c>Memory:EmbeddingModel</c> changed, replaces every stored vector with one from the configured
/// model, in one transaction (the memory answers from the old vectors until it finishes; an interruption changes nothing).
/// </summary>
internal static class ReembedVerb
{
    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var options = context.MemoryOptions();
        using var embedder = new OnnxEmbeddingGenerator(EmbeddingModelProfile.FromName(options.EmbeddingModel), options.EmbeddingThreads);
        var progress = new Progress<int>(done => context.Errors.Write($"\rre-embedded {done} chunks"));
        var count = await BriefingMemory.ReembedAsync(options, embedder, embedder, progress, cancellationToken);
        await context.Errors.WriteLineAsync($"\rre-embedded {count} chunks with {embedder.Profile.Id}");
        if (context.Json)
        {
            context.WriteJson(new { model = embedder.Profile.Id, chunks = count });
        }

        return 0;
    }
}
