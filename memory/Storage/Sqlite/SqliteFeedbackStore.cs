using BriefingBot.Memory.Feedback;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// Answers and feedback in the memory's SQLite file, tables <c>bot_answers</c> and <c>bot_feedback</c> (schema step 6).
/// Each feedback row carries a copy of the question and answer it rates, also when the feedback arrived before the
/// answer was on record.
/// </summary>
public sealed class SqliteFeedbackStore(string path) : IFeedbackStore
{
    private readonly SqliteFile _file = new(path, SqliteSchema.MemoryFile);

    public string Path => _file.Path;

    public Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken) =>
        _file.GuardAsync("record the answer", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SqliteFile.Command(connection, null,
                """
                INSERT OR REPLACE INTO bot_answers(conversation_key, message_id, question, answer, citations, mode, sent)
                VALUES ($conversation, $message, $question, $answer, $citations, $mode, $sent);
                UPDATE bot_feedback SET question = $question, answer = $answer, citations = $citations
                WHERE conversation_key = $conversation AND message_id = $message AND question IS NULL;
                """,
                ("$conversation", answer.ConversationKey), ("$message", answer.MessageId), ("$question", answer.Question),
                ("$answer", answer.Text), ("$citations", answer.CitationsJson), ("$mode", answer.Mode), ("$sent", answer.Sent.ToString("O")));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<bool> RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken) =>
        _file.GuardAsync("record the feedback", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = SqliteFile.Command(connection, null,
                """
                INSERT INTO bot_feedback(conversation_key, message_id, user_id, reaction, comment, received, question, answer, citations)
                SELECT $conversation, $message, $user, $reaction, $comment, $received, a.question, a.answer, a.citations
                FROM (SELECT 1) LEFT JOIN bot_answers a ON a.conversation_key = $conversation AND a.message_id = $message;
                SELECT question IS NOT NULL FROM bot_feedback WHERE id = last_insert_rowid();
                """,
                ("$conversation", feedback.ConversationKey), ("$message", feedback.MessageId), ("$user", feedback.UserId),
                ("$reaction", feedback.Reaction), ("$comment", feedback.Comment), ("$received", feedback.Received.ToString("O")));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 1;
        });
}
