using BriefingBot.Evaluation.Commands;

namespace BriefingBot.Evaluation;

/// <summary>Dispatches the evaluation commands: <c>retrieval</c>, <c>qa</c>, <c>calibrate</c>, <c>summaries</c>, <c>extraction</c>, <c>bench</c>, <c>growth</c> and <c>load</c>.</summary>
internal static class EvaluationApp
{
    private const string Usage =
        """
        Usage: dotnet run -c Release --project tests/BriefingBot.Evaluation -- <command> [options]

        Commands:
          retrieval   BEIR SciFact (train queries): nDCG@10 and recall@100 for keyword, vector and hybrid retrieval, per model
          qa          Answers on seed-dev, squad2, multihop and realtimeqa: accuracy, citations, retrieval, abstention, latency
          calibrate   Fits the answers' confidence (logistic regression on the dev sets) into memory/Answering/ConfidenceCoefficients.cs
          summaries   BBC briefings: ROUGE-1/2/L F1 of the key points against the reference summaries, beside lead-3
          extraction  News pages with boilerplate: words kept by the product's HTML extractor beside SmartReader (Readability)
          bench       Ingestion throughput against raw embedding, warm ask latency, store size, peak memory
          growth      Ask latency p50/p95/p99 in process as the memory grows (1k, 5k, 20k, 100k chunks), with a chart
          load        The real bot process on loopback under N concurrent users (/api/ask and Direct Line) while a batch ingests
          stores      SQLite beside PostgreSQL: ingestion, store writes and warm latency at SciFact; ask latency as synthetic chunks grow

        Options:
          --models ArcticXs,MiniLM   embedding models to evaluate (retrieval; qa and bench use the configured one)
          --queries N                subsample N queries/questions per set, or N articles (summaries, extraction)
          --docs N                   bench: ingest the first N SciFact documents (default 1000); load: the batch ingested during the load (default 300)
          --sets seed,squad2,...     qa, calibrate: which sets (default all)
          --modes Keyword,Vector,Hybrid  retrieval: which modes to score (default all three)
          --sweep                    retrieval: also sweep fusion settings from cached rankings
          --corpus-docs N            retrieval: only the first N corpus documents (and the queries judged within them)
          --no-ingest                use cached memories as they are, even where ingestion did not finish
          --lead-weight X, --diversity X  summaries: override the briefing's selector settings
          --sizes 1k,5k,20k,100k     growth: memory sizes in chunks
          --users N, --seconds N     load: concurrent users (default 50) and duration (default 60)
          --write-docs               update docs/EVALUATION.md or docs/PERFORMANCE.md and write charts to docs/img/
          --option Path=Value        override a Memory setting of appsettings.json, e.g. Answer:SemanticCandidates=6 (repeatable)
          --postgres CONN            stores: the PostgreSQL server (default BRIEFINGBOT_TEST_POSTGRES)
          --sizes 100000,250000      stores: synthetic chunk counts to grow to (default 100000,250000,500000,1000000)
          --sqlite-max N             stores: the largest synthetic size SQLite is measured at (default 1000000)
          --shared FOLDER            the shared data folder (default ../shared beside the repository)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var options = CommandLine.Parse(args.Skip(1).ToArray());
            var workspace = Workspace.Locate(options.SharedFolder);
            Settings.Overrides = options.Overrides;
            return args[0] switch
            {
                "retrieval" => await new RetrievalCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "qa" => await new QaCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "calibrate" => await new CalibrateCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "summaries" => await new SummariesCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "extraction" => await new ExtractionCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "growth" => await new GrowthCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "load" => await new LoadCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "bench" => await new BenchCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                "stores" => await new StoresCommand(workspace, options).RunAsync(cancellation.Token).ConfigureAwait(false),
                _ => throw new ArgumentException($"Unknown command '{args[0]}'.\n\n{Usage}"),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return 130;
        }
    }
}
