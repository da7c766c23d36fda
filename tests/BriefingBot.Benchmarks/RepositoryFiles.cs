namespace BriefingBot.Benchmarks;

/// <summary>Finds the repository (the folder holding BriefingBot.sln) and the shared evaluation data beside it.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Run from inside the BriefingBot repository (no BriefingBot.sln above the current folder).");

    public static string Sample => Path.Combine(Root, "samples", "us-russia-security-talks.md");

    /// <summary>The SciFact corpus files in <c>../shared/eval/scifact</c>.</summary>
    public static string[] SciFactCorpus()
    {
        var folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", "eval", "scifact"));
        var parts = Enumerable.Range(1, 3).Select(i => Path.Combine(folder, $"corpus.part{i}.jsonl")).ToArray();
        return parts.All(File.Exists)
            ? parts
            : throw new InvalidOperationException($"The keyword benchmark reads the SciFact corpus from {folder}; it is not there.");
    }

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BriefingBot.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
