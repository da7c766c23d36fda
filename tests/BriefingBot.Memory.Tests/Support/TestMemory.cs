using BriefingBot.Memory.Embedding;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// A real memory in a fresh temporary folder (a real SQLite file, the real ONNX model), deleted on dispose. The
/// model is loaded once per test run and shared, since it is read-only.
/// </summary>
public sealed class TestMemory : IDisposable
{
    private static readonly Lazy<OnnxEmbeddingGenerator> SharedEmbedder = new(() => new OnnxEmbeddingGenerator(EmbeddingModelProfile.ArcticXs));

    private TestMemory(string folder, MemoryOptions options, BriefingMemory memory)
    {
        Folder = folder;
        Options = options;
        Memory = memory;
    }

    public static OnnxEmbeddingGenerator Embedder => SharedEmbedder.Value;

    public string Folder { get; }

    public MemoryOptions Options { get; }

    public BriefingMemory Memory { get; }

    public static async Task<TestMemory> CreateAsync(Action<MemoryOptions>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new MemoryOptions { DataFolder = folder };
        configure?.Invoke(options);
        var memory = await BriefingMemory.OpenAsync(options, Embedder, TestContext.Current.CancellationToken);
        return new TestMemory(folder, options, memory);
    }

    /// <summary>Opens a second memory over the same file, as another process would.</summary>
    public Task<BriefingMemory> OpenAgainAsync() => BriefingMemory.OpenAsync(Options, Embedder, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Memory.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere in the run; the temp folder is cleaned by the OS.
        }
    }
}
