using Microsoft.Data.Sqlite;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// Answers and feedback in the memory's SQLite file, in two tables of the bot's own (<c>bot_answers</c>,
/// <c>bot_feedback</c>). Each feedback row carries a copy of the question and answer it rates, also when the feedback
/// arrived before the answer was on record.
/// </summary>
public sealed class SqliteFeedbackStore : IFeedbackStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS bot_answers(
            conversation_key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            mode TEXT NOT NULL,
            sent TEXT NOT NULL,
            PRIMARY KEY (conversation_key, message_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS bot_feedback(
            id INTEGER PRIMARY KEY,
            conversation_key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            user_id TEXT,
            reaction TEXT NOT NULL,
            comment TEXT,
            received TEXT NOT NULL,
            question TEXT,
            answer TEXT,
            citations TEXT);
        CREATE INDEX IF NOT EXISTS bot_feedback_by_message ON bot_feedback(conversation_key, message_id);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _init = new(1, 1);
    private bool _initialized;

    public SqliteFeedbackStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    public async Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO bot_answers(conversation_key, message_id, question, answer, citations, mode, sent)
            VALUES ($conversation, $message, $question, $answer, $citations, $mode, $sent);
            UPDATE bot_feedback SET question = $question, answer = $answer, citations = $citations
            WHERE conversation_key = $conversation AND message_id = $message AND question IS NULL;
            """;
        command.Parameters.AddWithValue("$conversation", answer.ConversationKey);
        command.Parameters.AddWithValue("$message", answer.MessageId);
        command.Parameters.AddWithValue("$question", answer.Question);
        command.Parameters.AddWithValue("$answer", answer.Text);
        command.Parameters.AddWithValue("$citations", answer.CitationsJson);
        command.Parameters.AddWithValue("$mode", answer.Mode);
        command.Parameters.AddWithValue("$sent", answer.Sent.ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO bot_feedback(conversation_key, message_id, user_id, reaction, comment, received, question, answer, citations)
            SELECT $conversation, $message, $user, $reaction, $comment, $received, a.question, a.answer, a.citations
            FROM (SELECT 1) LEFT JOIN bot_answers a ON a.conversation_key = $conversation AND a.message_id = $message;
            SELECT question IS NOT NULL FROM bot_feedback WHERE id = last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$conversation", feedback.ConversationKey);
        command.Parameters.AddWithValue("$message", feedback.MessageId);
        command.Parameters.AddWithValue("$user", (object?)feedback.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("$reaction", feedback.Reaction);
        command.Parameters.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$received", feedback.Received.ToString("O"));
        var known = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 1;
        return known;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!_initialized)
            {
                await _init.WaitAsync(cancellationToken);
                try
                {
                    if (!_initialized)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = Schema;
                        await command.ExecuteNonQueryAsync(cancellationToken);
                        _initialized = true;
                    }
                }
                finally
                {
                    _init.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
