using Npgsql;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// The PostgreSQL backend's schema, every table of every store (memory, conversations, jobs, answers and feedback,
/// Direct Line) in one list of numbered steps, applied in order in one transaction under an advisory lock, so several
/// processes opening the same database at once migrate it exactly once. Steps that add tables the bot used to create
/// itself (<c>bot_*</c>, <c>dl_*</c>) say <c>IF NOT EXISTS</c>, so databases written before those steps are upgraded.
/// </summary>
internal static class PostgresSchema
{
    private const long MigrationLock = 0x4272_6965_6642_6f74;

    private static readonly string[] Migrations =
    [
        // 1: documents, tags, chunks with their vectors and a weighted full-text vector of title (A) + text (D).
        """
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE documents(
            id text PRIMARY KEY,
            title text NOT NULL,
            source text,
            published text,
            content_type text NOT NULL,
            tags text NOT NULL,
            content_hash text NOT NULL,
            text text NOT NULL,
            chunk_count integer NOT NULL,
            token_count integer NOT NULL,
            updated text NOT NULL,
            updated_at timestamptz NOT NULL);
        CREATE INDEX documents_by_update ON documents(updated_at DESC, id);
        CREATE TABLE document_tags(
            document_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            key text NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (document_id, key, value));
        CREATE INDEX document_tags_by_value ON document_tags(key, value, document_id);
        CREATE TABLE chunks(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            document_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number integer NOT NULL,
            start_offset integer NOT NULL,
            end_offset integer NOT NULL,
            token_count integer NOT NULL,
            title text NOT NULL,
            text text NOT NULL,
            embedding vector NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'D')) STORED,
            UNIQUE (document_id, number));
        CREATE INDEX chunks_tsv ON chunks USING gin (tsv);
        """,

        // 2: conversations' turns, so any bot instance can continue any conversation.
        """
        CREATE TABLE conversation_turns(
            conversation_id text NOT NULL,
            number integer NOT NULL,
            question text NOT NULL,
            standalone text NOT NULL,
            answer text NOT NULL,
            no_result boolean NOT NULL,
            mode text NOT NULL,
            created timestamptz NOT NULL,
            PRIMARY KEY (conversation_id, number));
        """,

        // 3: background jobs, taken by one instance each (FOR UPDATE SKIP LOCKED); not_before is the lease's end while
        // running and the retry time while queued.
        """
        CREATE TABLE jobs(
            id text PRIMARY KEY,
            kind text NOT NULL,
            state text NOT NULL,
            payload text NOT NULL,
            content bytea,
            progress text,
            result text,
            error text,
            attempts integer NOT NULL,
            max_attempts integer NOT NULL,
            owner text,
            worker text,
            not_before timestamptz,
            created timestamptz NOT NULL,
            updated timestamptz NOT NULL);
        CREATE INDEX jobs_waiting ON jobs(state, kind, created);
        CREATE INDEX jobs_by_owner ON jobs(owner, created);
        """,

        // 4: the keyword index's postings, one row per (lexeme, chunk) with the lexeme's occurrences in the chunk's text
        // and title and the chunk's length, so BM25 is an index-only scan of the query terms' posting lists. Triggers
        // keep them in step with every insert and delete of chunks (cascades from documents included). They replace
        // the GIN index, which searches no longer read.
        """
        DROP INDEX chunks_tsv;
        CREATE TABLE chunk_terms(
            lexeme text COLLATE "C" NOT NULL,
            chunk_id bigint NOT NULL,
            text_frequency smallint NOT NULL,
            title_frequency smallint NOT NULL,
            chunk_tokens integer NOT NULL,
            PRIMARY KEY (lexeme, chunk_id) INCLUDE (text_frequency, title_frequency, chunk_tokens));
        CREATE FUNCTION chunk_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO chunk_terms(lexeme, chunk_id, text_frequency, title_frequency, chunk_tokens)
            SELECT u.lexeme, a.id, cardinality(array_positions(u.weights, 'D')), cardinality(array_positions(u.weights, 'A')), a.token_count
            FROM added a CROSS JOIN LATERAL unnest(a.tsv) AS u(lexeme, positions, weights);
            RETURN NULL;
        END $$;
        CREATE FUNCTION chunk_terms_remove() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM chunk_terms p USING removed r CROSS JOIN LATERAL unnest(r.tsv) AS u(lexeme, positions, weights)
            WHERE p.lexeme = u.lexeme AND p.chunk_id = r.id;
            RETURN NULL;
        END $$;
        CREATE TRIGGER chunks_postings_added AFTER INSERT ON chunks REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION chunk_terms_add();
        CREATE TRIGGER chunks_postings_removed AFTER DELETE ON chunks REFERENCING OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION chunk_terms_remove();
        INSERT INTO chunk_terms(lexeme, chunk_id, text_frequency, title_frequency, chunk_tokens)
        SELECT u.lexeme, c.id, cardinality(array_positions(u.weights, 'D')), cardinality(array_positions(u.weights, 'A')), c.token_count
        FROM chunks c CROSS JOIN LATERAL unnest(c.tsv) AS u(lexeme, positions, weights);
        """,

        // 5: whether the memory has ever held a document, so a memory the user emptied is never given the sample
        // briefing again (a database with no documents at this step counts as new).
        """
        INSERT INTO meta(key, value)
        SELECT 'held_documents', CASE WHEN EXISTS (SELECT 1 FROM documents) THEN '1' ELSE '0' END
        ON CONFLICT (key) DO NOTHING;
        """,

        // 6: each answer sent to a channel and the feedback given on it (the bot created these itself before this step).
        """
        CREATE TABLE IF NOT EXISTS bot_answers(
            conversation_key text NOT NULL,
            message_id text NOT NULL,
            question text NOT NULL,
            answer text NOT NULL,
            citations text NOT NULL,
            mode text NOT NULL,
            sent timestamptz NOT NULL,
            PRIMARY KEY (conversation_key, message_id));
        CREATE TABLE IF NOT EXISTS bot_feedback(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            conversation_key text NOT NULL,
            message_id text NOT NULL,
            user_id text,
            reaction text NOT NULL,
            comment text,
            received timestamptz NOT NULL,
            question text,
            answer text,
            citations text);
        CREATE INDEX IF NOT EXISTS bot_feedback_by_message ON bot_feedback(conversation_key, message_id);
        """,

        // 7: Direct Line conversations, their activities (numbered per conversation: the watermark) and uploads, and
        // the token signing key every instance shares (the bot created these itself before this step).
        """
        CREATE TABLE IF NOT EXISTS dl_settings(name text PRIMARY KEY, value text NOT NULL);
        CREATE TABLE IF NOT EXISTS dl_conversations(
            id text PRIMARY KEY,
            user_id text,
            site text NOT NULL,
            created timestamptz NOT NULL,
            last_active timestamptz NOT NULL,
            last_seq bigint NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS dl_activities(
            conversation_id text NOT NULL REFERENCES dl_conversations(id) ON DELETE CASCADE,
            seq bigint NOT NULL,
            transient boolean NOT NULL,
            created timestamptz NOT NULL,
            json text NOT NULL,
            PRIMARY KEY (conversation_id, seq));
        CREATE TABLE IF NOT EXISTS dl_uploads(
            id text PRIMARY KEY,
            conversation_id text NOT NULL REFERENCES dl_conversations(id) ON DELETE CASCADE,
            name text NOT NULL,
            content_type text NOT NULL,
            content bytea NOT NULL);
        CREATE INDEX IF NOT EXISTS dl_uploads_by_conversation ON dl_uploads(conversation_id);
        CREATE INDEX IF NOT EXISTS dl_conversations_by_activity ON dl_conversations(last_active);
        CREATE INDEX IF NOT EXISTS dl_activities_transient ON dl_activities(created) WHERE transient;
        """,
    ];

    public static int Version => Migrations.Length;

    /// <summary>Applies the missing migrations; returns true when the database was changed.</summary>
    public static async Task<bool> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_version(version integer NOT NULL)", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int current;
        await using (var read = new NpgsqlCommand("SELECT max(version) FROM schema_version", connection, transaction))
        {
            current = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : 0;
        }

        if (current > Version)
        {
            throw new MemoryStoreException(
                $"The memory was written by a newer BriefingBot (schema {current}; this one knows up to {Version}).");
        }

        for (var step = current; step < Version; step++)
        {
            await using var command = new NpgsqlCommand(Migrations[step] + $";\nINSERT INTO schema_version(version) VALUES ({step + 1});", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current < Version;
    }
}
