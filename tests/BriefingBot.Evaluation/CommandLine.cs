using System.Globalization;

namespace BriefingBot.Evaluation;

/// <summary>The options shared by the evaluation commands.</summary>
internal sealed record CommandLine
{
    public IReadOnlyList<string> Models { get; init; } = ["ArcticXs", "MiniLM"];

    public int? Queries { get; init; }

    public int Docs { get; init; } = 1000;

    public IReadOnlyList<string>? Sets { get; init; }

    public bool Sweep { get; init; }

    /// <summary>Retrieval modes to score (default keyword, vector and hybrid).</summary>
    public IReadOnlyList<string>? Modes { get; init; }

    /// <summary>Retrieval on the first N corpus documents only: hits outside them are dropped and only queries judged within them count.</summary>
    public int? CorpusDocs { get; init; }

    /// <summary>Use a cached memory as it is, even if its ingestion did not finish.</summary>
    public bool NoIngest { get; init; }

    public bool WriteDocs { get; init; }

    public string? SharedFolder { get; init; }

    /// <summary>stores: the PostgreSQL server (a connection string; its databases bench_stores_* are replaced).</summary>
    public string? Postgres { get; init; }

    /// <summary>stores: the chunk counts the synthetic memories grow to, in order.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [100_000, 250_000, 500_000, 1_000_000];

    /// <summary>stores: the largest synthetic memory SQLite is measured at.</summary>
    public int SqliteMax { get; init; } = 1_000_000;

    /// <summary>Settings overrides, <c>Path=Value</c> under the <c>Memory</c> section.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The arguments as given, for the docs ("the exact command").</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static CommandLine Parse(string[] args)
    {
        var result = new CommandLine { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Count()
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new ArgumentException($"{name} needs a positive whole number, not '{text}'.");
            }

            result = args[i] switch
            {
                "--models" => result with { Models = Split(Value()) },
                "--queries" => result with { Queries = Count() },
                "--docs" => result with { Docs = Count() },
                "--sets" => result with { Sets = Split(Value()) },
                "--sweep" => result with { Sweep = true },
                "--modes" => result with { Modes = Split(Value()) },
                "--corpus-docs" => result with { CorpusDocs = Count() },
                "--no-ingest" => result with { NoIngest = true },
                "--write-docs" => result with { WriteDocs = true },
                "--shared" => result with { SharedFolder = Value() },
                "--postgres" => result with { Postgres = Value() },
                "--sizes" => result with { Sizes = Split(Value()).Select(v => int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture)).ToList() },
                "--sqlite-max" => result with { SqliteMax = Count() },
                "--option" => result with { Overrides = [.. result.Overrides, Value()] },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return result;
    }

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
