using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Cli.Tests;

/// <summary>Killing the process in the middle of a bulk ingest leaves a consistent store that a re-run completes.</summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task Ingest_KilledMidway_LeavesWholeDocumentsOnlyAndResumes()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        var lines = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 12).Select(s =>
                $"Report {i} paragraph {s} notes that delegation {i % 17} discussed item {s * i} with partners in session {i + s}."));
            lines.AppendLine($$"""{"id": "doc-{{i}}", "title": "Report {{i}}", "text": "{{text}}"}""");
        }

        var corpus = folder.File("corpus.jsonl", lines.ToString());
        using (var process = Process.Start(BotProcess.StartInfo("ingest", "--jsonl", corpus, "--data", data, "--json"))!)
        {
            var created = 0;
            while (created < 30 && await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                created += line.Contains("\"created\"", StringComparison.Ordinal) ? 1 : 0;
            }

            Assert.True(created >= 30, "the ingest should have stored some documents before being killed");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var storedBefore = AssertConsistent(Path.Combine(data, "memory.db"));
        Assert.InRange(storedBefore, 30, 399);

        var rerun = await BotProcess.RunAsync("ingest", "--jsonl", corpus, "--data", data);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains($"{storedBefore} unchanged", rerun.Errors);
        Assert.Equal(400, AssertConsistent(Path.Combine(data, "memory.db")));
    }

    /// <summary>Checks integrity and that every document has exactly its chunks and keyword rows; returns the document count.</summary>
    internal static int AssertConsistent(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        Assert.Equal(0L, Scalar(connection,
            "SELECT count(*) FROM documents d WHERE d.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.document_id = d.id)"));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.document_id)"));
        var chunks = (long)Scalar(connection, "SELECT count(*) FROM chunks")!;
        Assert.Equal(chunks, Scalar(connection, "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'report'"));
        return Convert.ToInt32(Scalar(connection, "SELECT count(*) FROM documents"));
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
