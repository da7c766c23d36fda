using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// The SQLite backend's schema: for each of its two files (the memory file, and the Direct Line file) the list of its
/// numbered steps, applied in order inside one transaction and counted by <c>PRAGMA user_version</c>. Steps that add
/// tables the bot used to create itself (<c>bot_*</c>, <c>dl_*</c>) say <c>IF NOT EXISTS</c>, so files written before
/// those steps existed are upgraded in place.
/// </summary>
internal sealed class SqliteSchema
{
    /// <summary><c>memory.db</c>: documents, chunks and their keyword index, conversations, jobs, answers and feedback.</summary>
    public static readonly SqliteSchema MemoryFile = new("memory", [
        // 1: documents, tags, chunks with their vectors, and a contentless FTS5 index of title + text.
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO meta(key, value) VALUES ('generation', '0');
        CREATE TABLE documents(
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT,
            published TEXT,
            content_type TEXT NOT NULL,
            tags TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            chunk_count INTEGER NOT NULL,
            token_count INTEGER NOT NULL,
            updated TEXT NOT NULL);
        CREATE TABLE document_tags(
            document_id TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (document_id, key, value)) WITHOUT ROWID;
        CREATE INDEX document_tags_by_value ON document_tags(key, value, document_id);
        CREATE TABLE chunks(
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            token_count INTEGER NOT NULL,
            text TEXT NOT NULL,
            embedding BLOB NOT NULL,
            UNIQUE (document_id, number));
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            title, text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER chunks_deleted AFTER DELETE ON chunks BEGIN
            DELETE FROM chunks_fts WHERE rowid = old.id;
        END;
        """,

        // 2: conversations, a bounded history of turns per conversation id.
        """
        CREATE TABLE conversation_turns(
            conversation_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            question TEXT NOT NULL,
            standalone TEXT NOT NULL,
            answer TEXT NOT NULL,
            no_result INTEGER NOT NULL,
            mode TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (conversation_id, number)) WITHOUT ROWID;
        """,

        // 3: background jobs, with their content until they finish; not_before holds a lease's end or a retry's delay.
        """
        CREATE TABLE jobs(
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            payload TEXT NOT NULL,
            content BLOB,
            progress TEXT,
            result TEXT,
            error TEXT,
            attempts INTEGER NOT NULL,
            max_attempts INTEGER NOT NULL,
            owner TEXT,
            worker TEXT,
            not_before INTEGER,
            created TEXT NOT NULL,
            updated TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX jobs_waiting ON jobs(state, kind, created);
        CREATE INDEX jobs_by_owner ON jobs(owner, created);
        """,

        // 4: files written before this step have an FTS5 vocabulary table that nothing reads.
        """
        DROP TABLE IF EXISTS chunks_terms;
        """,

        // 5: whether the memory has ever held a document ('0' only for a file never written to). A memory the user
        // emptied has, so it is never given the sample briefing again.
        """
        INSERT OR IGNORE INTO meta(key, value)
        SELECT 'held_documents', CASE WHEN value = '0' AND NOT EXISTS (SELECT 1 FROM documents) THEN '0' ELSE '1' END
        FROM meta WHERE key = 'generation';
        """,

        // 6: each answer sent to a channel and the feedback given on it (the bot created these itself before this step).
        """
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
        """,
    ]);

    /// <summary>
    /// <c>directline.db</c>: Direct Line conversations, their activities and uploads, and the token signing key. Files
    /// written before this list existed hold its first step already, at <c>user_version</c> 0.
    /// </summary>
    public static readonly SqliteSchema DirectLineFile = new("Direct Line", [
        """
        CREATE TABLE IF NOT EXISTS dl_settings(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dl_conversations(
            id TEXT PRIMARY KEY,
            user_id TEXT,
            site TEXT NOT NULL,
            created TEXT NOT NULL,
            last_active TEXT NOT NULL,
            last_seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dl_activities(
            conversation_id TEXT NOT NULL REFERENCES dl_conversations(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            transient INTEGER NOT NULL,
            created TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dl_uploads(
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL REFERENCES dl_conversations(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            content BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS dl_uploads_by_conversation ON dl_uploads(conversation_id);
        CREATE INDEX IF NOT EXISTS dl_conversations_by_activity ON dl_conversations(last_active);
        """,
    ]);

    private readonly string _name;
    private readonly string[] _steps;

    private SqliteSchema(string name, string[] steps)
    {
        _name = name;
        _steps = steps;
    }

    public int Version => _steps.Length;

    /// <summary>Applies the missing steps; a file already at <see cref="Version"/> is only read.</summary>
    public void Migrate(SqliteConnection connection)
    {
        if (Convert.ToInt32(Scalar(connection, null, "PRAGMA user_version")) == Version)
        {
            return;
        }

        // Take effect in a new file only (before its first table): space freed later, such as finished jobs' content,
        // can then be returned to the file system with an incremental vacuum; readers never wait for the writer.
        Scalar(connection, null, "PRAGMA auto_vacuum = INCREMENTAL");
        Scalar(connection, null, "PRAGMA journal_mode = WAL");
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"));
        if (current > Version)
        {
            throw new MemoryStoreException(
                $"The {_name} file was written by a newer BriefingBot (schema {current}; this one knows up to {Version}).");
        }

        for (var step = current; step < Version; step++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _steps[step] + $";\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
