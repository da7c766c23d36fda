using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Memory;

/// <summary>The memory's settings (section <c>Memory</c> of appsettings.json).</summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Memory";

    /// <summary>Where the memory lives: <c>Sqlite</c> (default, one file in <see cref="DataFolder"/>) or <c>Postgres</c>.</summary>
    public string Store { get; set; } = "Sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Store"/> is <c>Postgres</c> (from <c>ConnectionStrings:Postgres</c>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>HNSW candidates examined per PostgreSQL vector query (<c>hnsw.ef_search</c>). Default 200.</summary>
    public int PostgresEfSearch { get; set; } = 200;

    /// <summary>Folder holding the memory (relative paths are taken from the working directory). Default <c>data</c>.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The SQLite file inside <see cref="DataFolder"/>. Default <c>memory.db</c>.</summary>
    public string StoreFile { get; set; } = "memory.db";

    /// <summary>Seconds a write waits while another process writes to the memory. Default 30.</summary>
    public int LockTimeoutSeconds { get; set; } = 30;

    /// <summary>The most the memory's file may grow to, in megabytes; 0 (default) leaves it to the disk.</summary>
    public double MaxStoreMegabytes { get; set; }

    internal long MaxStoreBytes => (long)(MaxStoreMegabytes * 1024 * 1024);

    /// <summary>The local embedding model: <c>ArcticXs</c> (default) or <c>MiniLM</c>.</summary>
    public string EmbeddingModel { get; set; } = "ArcticXs";

    /// <summary>Threads for the local model; 0 uses every core.</summary>
    public int EmbeddingThreads { get; set; }

    /// <summary>Largest file accepted for ingestion, in bytes. Default 50 MB.</summary>
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    public IngestionOptions Ingestion { get; set; } = new();

    public ChunkingOptions Chunking { get; set; } = new();

    public SearchOptions Search { get; set; } = new();

    public AnswerOptions Answer { get; set; } = new();

    public ConversationOptions Conversation { get; set; } = new();

    public BriefingOptions Briefing { get; set; } = new();

    public string StorePath => Path.GetFullPath(Path.Combine(DataFolder, StoreFile));
}
