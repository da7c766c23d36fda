using BriefingBot.Memory;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Bot;

/// <summary>
/// When a memory is first created, loads the sample briefings shipped in <c>samples/</c> so that a newcomer's first
/// question has something to answer from. A memory that has held documents (the user's, or the sample the user then
/// deleted) never gets them (again): the store records that it has held documents. <c>Bot:LoadSamplesWhenEmpty=false</c>
/// turns this off.
/// </summary>
internal static class SampleBriefings
{
    public const string SettingName = "Bot:LoadSamplesWhenEmpty";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "samples");

    public static async Task<int> LoadIfEmptyAsync(BriefingMemory memory, TextWriter log, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder) || !await memory.Store.IsPristineAsync(cancellationToken))
        {
            return 0;
        }

        var loaded = 0;
        foreach (var file in Directory.EnumerateFiles(Folder).Where(memory.Extraction.Supports).Order(StringComparer.Ordinal))
        {
            var request = await IngestRequest.FromFileAsync(file, Folder, cancellationToken);

            // Every chat user sees a citation's source: the sample's title, never where the server keeps the file.
            var title = (await memory.Extraction.ExtractAsync(request.Content, request.FileName!, cancellationToken)).Title;
            var result = await memory.IngestAsync(
                request with { Source = title ?? request.FileName, Tags = new TagSet().Add("collection", "sample") }, cancellationToken);
            if (result.Outcome is IngestOutcome.Created or IngestOutcome.Replaced)
            {
                loaded++;
            }
        }

        await log.WriteLineAsync($"The memory is new: loaded {loaded} sample briefing(s) from {Folder} (set {SettingName}=false to skip).");
        return loaded;
    }
}
