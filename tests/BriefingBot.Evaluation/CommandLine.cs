using System.Globalization;

namespace BriefingBot.Evaluation;

/// <summary>The options shared by the evaluation commands.</summary>
internal sealed record CommandLine
{
    public IReadOnlyList<string> Models { get; init; } = ["ArcticXs", "MiniLM"];

    public int? Queries { get; init; }

    /// <summary>bench: SciFact documents to ingest (default 1000); load: documents the CLI ingests during the load (default 300).</summary>
    public int? Docs { get; init; }

    public IReadOnlyList<string>? Sets { get; init; }

    public bool Sweep { get; init; }

    /// <summary>Retrieval modes to score (default keyword, vector and hybrid).</summary>
    public IReadOnlyList<string>? Modes { get; init; }

    /// <summary>Retrieval on the first N corpus documents only: hits outside them are dropped and only queries judged within them count.</summary>
    public int? CorpusDocs { get; init; }

    /// <summary>Use a cached memory as it is, even if its ingestion did not finish.</summary>
    public bool NoIngest { get; init; }

    public bool WriteDocs { get; init; }

    /// <summary>summaries: the briefing's earliness weight instead of the default.</summary>
    public float? LeadWeight { get; init; }

    /// <summary>summaries: the briefing's diversity instead of the default.</summary>
    public float? Diversity { get; init; }

    /// <summary>growth and stores: the memory sizes, in chunks (each command has its own default).</summary>
    public IReadOnlyList<int>? Sizes { get; init; }

    /// <summary>load: concurrent users.</summary>
    public int Users { get; init; } = 50;

    /// <summary>load: how long the load runs.</summary>
    public int Seconds { get; init; } = 60;

    public string? SharedFolder { get; init; }

    /// <summary>stores: the PostgreSQL server (a connection string; its databases bench_stores_* are replaced).</summary>
    public string? Postgres { get; init; }

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

            float Fraction()
            {
                var name = args[i];
                var text = Value();
                return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f >= 0
                    ? f
                    : throw new ArgumentException($"{name} needs a number ≥ 0, not '{text}'.");
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
                "--lead-weight" => result with { LeadWeight = Fraction() },
                "--diversity" => result with { Diversity = Fraction() },
                "--sizes" => result with { Sizes = ParseSizes(args[i], Value()) },
                "--users" => result with { Users = Count() },
                "--seconds" => result with { Seconds = Count() },
                "--shared" => result with { SharedFolder = Value() },
                "--postgres" => result with { Postgres = Value() },
                "--sqlite-max" => result with { SqliteMax = Count() },
                "--option" => result with { Overrides = [.. result.Overrides, Value()] },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return result;
    }

    private static int[] ParseSizes(string name, string value) => Split(value).Select(part =>
        int.TryParse(part.Replace("k", "000", StringComparison.OrdinalIgnoreCase), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs positive whole numbers such as 1k,5000, not '{part}'.")).ToArray();

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
