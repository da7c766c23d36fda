using System.Globalization;
using BriefingBot.Memory.Conversations;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// Conversation turns in the memory's SQLite file (table <c>conversation_turns</c>, schema step 2). The file must have
/// been opened by <see cref="SqliteMemoryStore.InitializeAsync"/>, which applies the schema.
/// </summary>
public sealed class SqliteConversationStore(string path) : IConversationStore
{
    private readonly SqliteFile _file = new(path, SqliteSchema.MemoryFile);

    public async Task<ConversationTurn> AppendAsync(ConversationTurn turn, int maxTurns, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTurns, 1);
        return await _file.GuardAsync("save the conversation turn", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var last = SqliteFile.Command(connection, transaction,
                "SELECT coalesce(max(number), 0) FROM conversation_turns WHERE conversation_id = $id", ("$id", turn.ConversationId));
            var number = Convert.ToInt32(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) + 1;
            await using (var insert = SqliteFile.Command(connection, transaction,
                """
                INSERT INTO conversation_turns(conversation_id, number, question, standalone, answer, no_result, mode, created)
                VALUES ($id, $number, $question, $standalone, $answer, $noResult, $mode, $created)
                """,
                ("$id", turn.ConversationId), ("$number", number), ("$question", turn.Question), ("$standalone", turn.StandaloneQuestion),
                ("$answer", turn.Answer), ("$noResult", turn.NoResult ? 1 : 0), ("$mode", turn.Mode),
                ("$created", turn.Created.ToString("O", CultureInfo.InvariantCulture))))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var prune = SqliteFile.Command(connection, transaction,
                "DELETE FROM conversation_turns WHERE conversation_id = $id AND number <= $oldest",
                ("$id", turn.ConversationId), ("$oldest", number - maxTurns)))
            {
                await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return turn with { Number = number };
        }).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ConversationTurn>> RecentAsync(string conversationId, int count, CancellationToken cancellationToken = default) =>
        _file.GuardAsync("read the conversation", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var query = SqliteFile.Command(connection, null,
                """
                SELECT number, question, standalone, answer, no_result, mode, created FROM conversation_turns
                WHERE conversation_id = $id ORDER BY number DESC LIMIT $count
                """,
                ("$id", conversationId), ("$count", Math.Max(0, count)));
            var turns = new List<ConversationTurn>();
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                turns.Add(new ConversationTurn
                {
                    ConversationId = conversationId,
                    Number = reader.GetInt32(0),
                    Question = reader.GetString(1),
                    StandaloneQuestion = reader.GetString(2),
                    Answer = reader.GetString(3),
                    NoResult = reader.GetInt32(4) != 0,
                    Mode = reader.GetString(5),
                    Created = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                });
            }

            turns.Reverse();
            return (IReadOnlyList<ConversationTurn>)turns;
        });

    public Task<int> ResetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _file.GuardAsync("reset the conversation", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var delete = SqliteFile.Command(connection, null, "DELETE FROM conversation_turns WHERE conversation_id = $id", ("$id", conversationId));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });
}
