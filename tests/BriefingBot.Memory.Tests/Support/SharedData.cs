namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// The shared evaluation data and sample article, read at run time from <c>../shared</c> beside the repository.
/// Tests that need it skip with a stated reason where it is absent (a fresh machine); CI has it.
/// </summary>
public static class SharedData
{
    public static string? Folder { get; } = Find();

    public static string SkipReason => "../shared (the evaluation data and original sample article) is not beside the repository";

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Folder ?? throw new InvalidOperationException(SkipReason), .. parts]);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BriefingBot.sln")))
            {
                var beside = System.IO.Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(System.IO.Path.Combine(beside, "eval")) ? beside : null;
            }
        }

        return null;
    }
}
