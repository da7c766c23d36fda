namespace BriefingBot.Evaluation;

/// <summary>Where things are: the repository (appsettings.json, docs), the shared data and the cached memories.</summary>
internal sealed record Workspace(string Repository, string Shared)
{
    public string Docs => Path.Combine(Repository, "docs");

    public string Images => Path.Combine(Docs, "img");

    public string Artifacts => Path.Combine(Repository, ".artifacts", "eval");

    public string Eval(params string[] parts) => Path.Combine([Shared, "eval", .. parts]);

    public static Workspace Locate(string? shared)
    {
        var repository = FindRepository(Directory.GetCurrentDirectory()) ?? FindRepository(AppContext.BaseDirectory)
            ?? throw new ArgumentException("Run from inside the BriefingBot repository (no BriefingBot.sln found above the current folder).");
        var folder = Path.GetFullPath(shared ?? Path.Combine(repository, "..", "shared"));
        if (!Directory.Exists(Path.Combine(folder, "eval")))
        {
            throw new ArgumentException($"The evaluation data is not at {folder}/eval; pass --shared FOLDER.");
        }

        return new Workspace(repository, folder);
    }

    private static string? FindRepository(string start)
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
