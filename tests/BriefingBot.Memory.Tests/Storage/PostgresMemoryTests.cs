using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Tests.Support;
using Npgsql;

namespace BriefingBot.Memory.Tests.Storage;

/// <summary>The whole memory (real model, ingestion, hybrid search, answers) on a real PostgreSQL chosen by configuration.</summary>
public sealed class PostgresMemoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ask_WithPostgresConfigured_AnswersFromIngestedDocumentsWithCitations()
    {
        Assert.SkipWhen(TestPostgres.ConnectionString is null, TestPostgres.SkipReason);
        var database = "memory_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {database}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = database }.ToString();
            using (var test = await TestMemory.CreateAsync(o => (o.Store, o.PostgresConnectionString) = ("Postgres", connection)))
            {
                Assert.IsType<PostgresMemoryStore>(test.Memory.Store);
                await test.Memory.IngestAsync(IngestRequest.FromText(
                    "Harbour strike ends\n\nDock workers in Rotterdam ended a nine-day strike after the port authority agreed to a pay rise.", "harbour"), Ct);
                await test.Memory.IngestAsync(IngestRequest.FromText(
                    "Frost hits vineyards\n\nA late frost damaged vines across Burgundy, and growers expect a smaller harvest.", "vineyard"), Ct);

                var answer = await test.Memory.AskAsync("Why did the Rotterdam dock workers end their strike?", cancellationToken: Ct);

                Assert.False(answer.NoResult, answer.NoResultReason);
                Assert.Equal("harbour", answer.Citations[0].DocumentId);
                Assert.Contains("[1]", answer.Text, StringComparison.Ordinal);
                Assert.Equal(IngestOutcome.Unchanged, (await test.Memory.IngestAsync(IngestRequest.FromText(
                    "Harbour strike ends\n\nDock workers in Rotterdam ended a nine-day strike after the port authority agreed to a pay rise.", "harbour"), Ct)).Outcome);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
