using BriefingBot.Memory.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// Jobs in the memory's PostgreSQL database (table <c>jobs</c>, schema step 3), shared by every bot instance: a claim
/// locks the oldest waiting row with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers on any instance never take
/// the same job and never wait on each other. Times come from <paramref name="time"/>, not the server's clock.
/// </summary>
public sealed class PostgresJobStore(NpgsqlDataSource dataSource, TimeProvider? time = null) : IJobStore
{
    private readonly PostgresDatabase _database = new(dataSource);

    private static readonly string Queued = nameof(JobState.Queued);
    private static readonly string Running = nameof(JobState.Running);
    private static readonly string Succeeded = nameof(JobState.Succeeded);
    private static readonly string Failed = nameof(JobState.Failed);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<JobRecord> EnqueueAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job.Kind);
        ArgumentOutOfRangeException.ThrowIfLessThan(job.MaxAttempts, 1);
        return GuardAsync("enqueue the job", async () =>
        {
            var now = Now();
            var id = Guid.CreateVersion7(now).ToString("N");
            await using var insert = Command(
                """
                INSERT INTO jobs(id, kind, state, payload, content, attempts, max_attempts, owner, created, updated)
                VALUES (@id, @kind, @state, @payload, @content, 0, @max, @owner, @now, @now)
                """,
                ("id", id), ("kind", job.Kind), ("state", Queued), ("payload", job.Payload), ("max", job.MaxAttempts), ("owner", job.Owner), ("now", now));
            insert.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = (object?)job.Content ?? DBNull.Value });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new JobRecord
            {
                Id = id, Kind = job.Kind, State = JobState.Queued, Payload = job.Payload, MaxAttempts = job.MaxAttempts,
                Owner = job.Owner, Created = now, Updated = now,
            };
        });
    }

    public Task<JobRecord?> ClaimAsync(string worker, IReadOnlyCollection<string> kinds, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        if (kinds.Count == 0)
        {
            return Task.FromResult<JobRecord?>(null);
        }

        return GuardAsync("claim a job", async () =>
        {
            var now = Now();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var abandoned = new NpgsqlCommand(
                """
                UPDATE jobs SET state = @failed, content = NULL, worker = NULL, not_before = NULL, updated = @now,
                    error = coalesce(error || E'\n', '') || 'The worker running it stopped; no attempts left.'
                WHERE state = @running AND not_before < @now AND attempts >= max_attempts AND kind = ANY(@kinds)
                """, connection, transaction))
            {
                Add(abandoned, ("failed", Failed), ("running", Running), ("now", now), ("kinds", kinds.ToArray()));
                await abandoned.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var take = new NpgsqlCommand(
                $"""
                WITH next AS (
                    SELECT id FROM jobs
                    WHERE kind = ANY(@kinds) AND (state = @queued OR state = @running) AND coalesce(not_before, '-infinity') <= @now
                    ORDER BY created, id LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                UPDATE jobs SET state = @running, worker = @worker, not_before = @until, attempts = attempts + 1, updated = @now
                FROM next WHERE jobs.id = next.id
                RETURNING {string.Join(", ", JobRows.Columns.Split(", ").Select(c => "jobs." + c))}
                """, connection, transaction);
            Add(take, ("kinds", kinds.ToArray()), ("queued", Queued), ("running", Running), ("now", now), ("worker", worker), ("until", now + lease));
            JobRecord? claimed = null;
            await using (var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed = Map(reader);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return claimed;
        });
    }

    public Task<bool> ReportAsync(string id, string worker, JobProgress progress, TimeSpan lease, CancellationToken cancellationToken = default) =>
        UpdateHeldAsync("report the job's progress", id, worker,
            "progress = @progress, not_before = @until",
            [("progress", JobJson.Serialize(progress)), ("until", Now() + lease)], cancellationToken);

    public Task<bool> CompleteAsync(string id, string worker, string? result, CancellationToken cancellationToken = default) =>
        UpdateHeldAsync("complete the job", id, worker,
            "state = @succeeded, result = @result, content = NULL, worker = NULL, not_before = NULL",
            [("succeeded", Succeeded), ("result", result)], cancellationToken);

    public Task<bool> FailAsync(string id, string worker, string error, bool retry, CancellationToken cancellationToken = default) =>
        UpdateHeldAsync("record the job's failure", id, worker,
            """
            error = @error, worker = NULL,
            state = CASE WHEN @retry AND attempts < max_attempts THEN @queued ELSE @failed END,
            not_before = CASE WHEN @retry AND attempts < max_attempts
                THEN @now + (@baseMs * (1::bigint << least(@maxExponent, greatest(1, attempts)))) * interval '1 millisecond' END,
            content = CASE WHEN @retry AND attempts < max_attempts THEN content END
            """,
            [("error", error), ("retry", retry), ("queued", Queued), ("failed", Failed),
                ("baseMs", JobRetry.BaseMilliseconds), ("maxExponent", JobRetry.MaxExponent)],
            cancellationToken);

    public Task<int> ReleaseAsync(string worker, CancellationToken cancellationToken = default) =>
        GuardAsync("release the worker's jobs", async () =>
        {
            await using var release = Command(
                """
                UPDATE jobs SET state = @queued, worker = NULL, not_before = NULL, attempts = greatest(0, attempts - 1), updated = @now
                WHERE state = @running AND worker = @worker
                """,
                ("queued", Queued), ("running", Running), ("worker", worker), ("now", Now()));
            return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        GuardAsync("read the job", async () =>
        {
            await using var query = Command($"SELECT {JobRows.Columns} FROM jobs WHERE id = @id", ("id", id));
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
        });

    public Task<byte[]?> GetContentAsync(string id, CancellationToken cancellationToken = default) =>
        GuardAsync("read the job's content", async () =>
        {
            await using var query = Command("SELECT content FROM jobs WHERE id = @id", ("id", id));
            return await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        });

    public Task<IReadOnlyList<JobRecord>> ListAsync(string? owner = null, int limit = 50, CancellationToken cancellationToken = default) =>
        GuardAsync<IReadOnlyList<JobRecord>>("list the jobs", async () =>
        {
            await using var query = Command(
                $"SELECT {JobRows.Columns} FROM jobs WHERE @owner::text IS NULL OR owner = @owner ORDER BY created DESC, id DESC LIMIT @limit",
                ("owner", owner), ("limit", Math.Clamp(limit, 1, 1000)));
            var jobs = new List<JobRecord>();
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(Map(reader));
            }

            return jobs;
        });

    private Task<bool> UpdateHeldAsync(
        string action, string id, string worker, string assignments, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) =>
        GuardAsync(action, async () =>
        {
            await using var update = Command(
                $"UPDATE jobs SET {assignments}, updated = @now WHERE id = @id AND state = @running AND worker = @worker",
                [("id", id), ("worker", worker), ("running", Running), ("now", Now()), .. parameters]);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        });

    private DateTimeOffset Now() => _time.GetUtcNow().ToUniversalTime();

    private NpgsqlCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        Add(command, parameters);
        return command;
    }

    private static void Add(NpgsqlCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        }
    }

    private static JobRecord Map(NpgsqlDataReader reader) => JobRows.Read(reader, static (r, i) => r.GetFieldValue<DateTimeOffset>(i));

    private Task<T> GuardAsync<T>(string action, Func<Task<T>> work) => _database.GuardAsync(action, work);
}
