using BriefingBot.Memory.Conversations;
using Npgsql;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// Conversation turns in the memory's PostgreSQL database (table <c>conversation_turns</c>, schema step 2), so every
/// bot instance sharing the database continues every conversation. The database must have been opened by
/// <see cref="PostgresMemoryStore.InitializeAsync"/>, which applies the schema. Appends to one conversation are
/// serialized by a row lock on its newest turn's number, so concurrent instances never number two turns alike.
/// </summary>
public sealed class PostgresConversationStore(NpgsqlDataSource dataSource) : IConversationStore
{
    private readonly PostgresDatabase _database = new(dataSource);

    public async Task<ConversationTurn> AppendAsync(ConversationTurn turn, int maxTurns, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTurns, 1);
        return await GuardAsync("save the conversation turn", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var gate = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('conversation:' || @id, 0))", connection, transaction))
            {
                gate.Parameters.AddWithValue("id", turn.ConversationId);
                await gate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int number;
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO conversation_turns(conversation_id, number, question, standalone, answer, no_result, mode, created)
                SELECT @id, coalesce(max(number), 0) + 1, @question, @standalone, @answer, @noResult, @mode, @created
                FROM conversation_turns WHERE conversation_id = @id
                RETURNING number
                """, connection, transaction))
            {
                insert.Parameters.AddWithValue("id", turn.ConversationId);
                insert.Parameters.AddWithValue("question", turn.Question);
                insert.Parameters.AddWithValue("standalone", turn.StandaloneQuestion);
                insert.Parameters.AddWithValue("answer", turn.Answer);
                insert.Parameters.AddWithValue("noResult", turn.NoResult);
                insert.Parameters.AddWithValue("mode", turn.Mode);
                insert.Parameters.AddWithValue("created", turn.Created.ToUniversalTime());
                number = (int)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            await using (var prune = new NpgsqlCommand("DELETE FROM conversation_turns WHERE conversation_id = @id AND number <= @oldest", connection, transaction))
            {
                prune.Parameters.AddWithValue("id", turn.ConversationId);
                prune.Parameters.AddWithValue("oldest", number - maxTurns);
                await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return turn with { Number = number };
        }).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ConversationTurn>> RecentAsync(string conversationId, int count, CancellationToken cancellationToken = default) =>
        GuardAsync("read the conversation", async () =>
        {
            await using var query = dataSource.CreateCommand(
                """
                SELECT number, question, standalone, answer, no_result, mode, created FROM conversation_turns
                WHERE conversation_id = @id ORDER BY number DESC LIMIT @count
                """);
            query.Parameters.AddWithValue("id", conversationId);
            query.Parameters.AddWithValue("count", Math.Max(0, count));
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
                    NoResult = reader.GetBoolean(4),
                    Mode = reader.GetString(5),
                    Created = new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
                });
            }

            turns.Reverse();
            return (IReadOnlyList<ConversationTurn>)turns;
        });

    public Task<int> ResetAsync(string conversationId, CancellationToken cancellationToken = default) =>
        GuardAsync("reset the conversation", async () =>
        {
            await using var delete = dataSource.CreateCommand("DELETE FROM conversation_turns WHERE conversation_id = @id");
            delete.Parameters.AddWithValue("id", conversationId);
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    private Task<T> GuardAsync<T>(string action, Func<Task<T>> work) => _database.GuardAsync(action, work);
}
