using BriefingBot.Memory.Feedback;
using Npgsql;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// Answers and feedback in the memory's PostgreSQL database (tables <c>bot_answers</c> and <c>bot_feedback</c>, schema step 6), so
/// feedback on an answer sent by one bot instance is matched to it on any other. Like the SQLite store, each feedback
/// row carries a copy of the question and answer it rates, also when the feedback arrived before the answer.
/// </summary>
public sealed class PostgresFeedbackStore(NpgsqlDataSource dataSource) : IFeedbackStore
{
    private readonly PostgresDatabase _database = new(dataSource);

    public Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken) =>
        _database.RunAsync("record the answer", async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO bot_answers(conversation_key, message_id, question, answer, citations, mode, sent)
            VALUES (@conversation, @message, @question, @answer, @citations, @mode, @sent)
            ON CONFLICT (conversation_key, message_id) DO UPDATE SET
                question = excluded.question, answer = excluded.answer, citations = excluded.citations, mode = excluded.mode, sent = excluded.sent;
            UPDATE bot_feedback SET question = @question, answer = @answer, citations = @citations
            WHERE conversation_key = @conversation AND message_id = @message AND question IS NULL;
            """, connection, transaction);
        command.Parameters.AddWithValue("conversation", answer.ConversationKey);
        command.Parameters.AddWithValue("message", answer.MessageId);
        command.Parameters.AddWithValue("question", answer.Question);
        command.Parameters.AddWithValue("answer", answer.Text);
        command.Parameters.AddWithValue("citations", answer.CitationsJson);
        command.Parameters.AddWithValue("mode", answer.Mode);
        command.Parameters.AddWithValue("sent", answer.Sent.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }, cancellationToken);

    public Task<bool> RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken) =>
        _database.RunAsync("record the feedback", async () =>
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO bot_feedback(conversation_key, message_id, user_id, reaction, comment, received, question, answer, citations)
            SELECT @conversation, @message, @user, @reaction, @comment, @received, a.question, a.answer, a.citations
            FROM (SELECT 1) AS one LEFT JOIN bot_answers a ON a.conversation_key = @conversation AND a.message_id = @message
            RETURNING question IS NOT NULL
            """);
        command.Parameters.AddWithValue("conversation", feedback.ConversationKey);
        command.Parameters.AddWithValue("message", feedback.MessageId);
        command.Parameters.AddWithValue("user", NpgsqlTypes.NpgsqlDbType.Text, (object?)feedback.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("reaction", feedback.Reaction);
        command.Parameters.AddWithValue("comment", NpgsqlTypes.NpgsqlDbType.Text, (object?)feedback.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("received", feedback.Received.ToUniversalTime());
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }, cancellationToken);
}
