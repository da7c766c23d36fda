using System.Globalization;
using BriefingBot.Memory.Jobs;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// Jobs in the memory's SQLite file (table <c>jobs</c>, schema step 3), which must have been opened by
/// <see cref="SqliteMemoryStore.InitializeAsync"/>. Claims run in an immediate transaction, so the file's single
/// writer lock makes each claim exclusive across threads and processes.
/// </summary>
public sealed class SqliteJobStore(string path, TimeProvider? time = null) : IJobStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private readonly SqliteFile _file = new(path, SqliteSchema.MemoryFile);

    public Task<JobRecord> EnqueueAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job.Kind);
        ArgumentOutOfRangeException.ThrowIfLessThan(job.MaxAttempts, 1);
        return _file.GuardAsync("enqueue the job", async () =>
        {
            var now = _time.GetUtcNow();
            var id = Guid.CreateVersion7(now).ToString("N");
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = SqliteFile.Command(connection, null,
                """
                INSERT INTO jobs(id, kind, state, payload, content, attempts, max_attempts, owner, created, updated)
                VALUES ($id, $kind, $state, $payload, $content, 0, $max, $owner, $now, $now)
                """,
                ("$id", id), ("$kind", job.Kind), ("$state", nameof(JobState.Queued)), ("$payload", job.Payload),
                ("$content", job.Content), ("$max", job.MaxAttempts), ("$owner", job.Owner), ("$now", Text(now)));
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

        return _file.GuardAsync("claim a job", async () =>
        {
            var now = _time.GetUtcNow();
            var kindList = string.Join(", ", kinds.Select((_, i) => $"$k{i}"));
            var kindParameters = kinds.Select((k, i) => ($"$k{i}", (object?)k)).ToArray();
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var abandoned = SqliteFile.Command(connection, transaction,
                $"""
                UPDATE jobs SET state = $failed, content = NULL, worker = NULL, not_before = NULL, updated = $now,
                    error = coalesce(error || char(10), '') || 'The worker running it stopped; no attempts left.'
                WHERE state = $running AND not_before < $nowMs AND attempts >= max_attempts AND kind IN ({kindList})
                """,
                [("$failed", nameof(JobState.Failed)), ("$running", nameof(JobState.Running)), ("$now", Text(now)),
                    ("$nowMs", now.ToUnixTimeMilliseconds()), .. kindParameters]))
            {
                await abandoned.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            string? id;
            await using (var next = SqliteFile.Command(connection, transaction,
                $"""
                SELECT id FROM jobs
                WHERE kind IN ({kindList}) AND (state = $queued OR state = $running) AND coalesce(not_before, 0) <= $nowMs
                ORDER BY created LIMIT 1
                """,
                [("$queued", nameof(JobState.Queued)), ("$running", nameof(JobState.Running)), ("$nowMs", now.ToUnixTimeMilliseconds()), .. kindParameters]))
            {
                id = (string?)await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            if (id is null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            await using (var take = SqliteFile.Command(connection, transaction,
                """
                UPDATE jobs SET state = $running, worker = $worker, not_before = $until, attempts = attempts + 1, updated = $now
                WHERE id = $id
                """,
                ("$running", nameof(JobState.Running)), ("$worker", worker), ("$until", (now + lease).ToUnixTimeMilliseconds()),
                ("$now", Text(now)), ("$id", id)))
            {
                await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var claimed = await ReadAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return claimed;
        });
    }

    public Task<bool> ReportAsync(string id, string worker, JobProgress progress, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        return UpdateHeldAsync("report the job's progress", id, worker,
            "progress = $progress, not_before = $until",
            [("$progress", JobJson.Serialize(progress)), ("$until", (now + lease).ToUnixTimeMilliseconds())], cancellationToken);
    }

    public async Task<bool> CompleteAsync(string id, string worker, string? result, CancellationToken cancellationToken = default)
    {
        var completed = await UpdateHeldAsync("complete the job", id, worker,
            "state = $succeeded, result = $result, content = NULL, worker = NULL, not_before = NULL",
            [("$succeeded", nameof(JobState.Succeeded)), ("$result", result)], cancellationToken).ConfigureAwait(false);
        await ReclaimAsync(cancellationToken).ConfigureAwait(false);
        return completed;
    }

    public async Task<bool> FailAsync(string id, string worker, string error, bool retry, CancellationToken cancellationToken = default)
    {
        var failed = await FailHeldAsync(id, worker, error, retry, cancellationToken).ConfigureAwait(false);
        await ReclaimAsync(cancellationToken).ConfigureAwait(false);
        return failed;
    }

    /// <summary>
    /// Gives the space of finished jobs' content back to the file system: frees the emptied pages (the memory file is
    /// created with incremental auto-vacuum) and truncates the write-ahead log. Best effort: a busy file is left for next time.
    /// </summary>
    private async Task ReclaimAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var transaction = connection.BeginTransaction(deferred: false))
            {
                // Each step of the pragma frees some pages: step it until the free list stops shrinking.
                await using var free = SqliteFile.Command(connection, transaction, "PRAGMA freelist_count");
                await using var vacuum = SqliteFile.Command(connection, transaction, "PRAGMA incremental_vacuum");
                for (var pages = Convert.ToInt64(await free.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture); pages > 0;)
                {
                    await using (var reader = await vacuum.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                        }
                    }

                    var left = Convert.ToInt64(await free.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                    pages = left < pages ? left : 0;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var checkpoint = SqliteFile.Command(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)");
            await checkpoint.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
        }
    }

    private Task<bool> FailHeldAsync(string id, string worker, string error, bool retry, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return UpdateHeldAsync("record the job's failure", id, worker,
            """
            error = $error, worker = NULL,
            state = CASE WHEN $retry AND attempts < max_attempts THEN $queued ELSE $failed END,
            not_before = CASE WHEN $retry AND attempts < max_attempts THEN $nowMs + ($baseMs << min($maxExponent, max(1, attempts))) ELSE NULL END,
            content = CASE WHEN $retry AND attempts < max_attempts THEN content ELSE NULL END
            """,
            [("$error", error), ("$retry", retry ? 1 : 0), ("$queued", nameof(JobState.Queued)), ("$failed", nameof(JobState.Failed)),
                ("$nowMs", now.ToUnixTimeMilliseconds()), ("$baseMs", JobRetry.BaseMilliseconds), ("$maxExponent", JobRetry.MaxExponent)],
            cancellationToken);
    }

    public Task<int> ReleaseAsync(string worker, CancellationToken cancellationToken = default) =>
        _file.GuardAsync("release the worker's jobs", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var release = SqliteFile.Command(connection, null,
                """
                UPDATE jobs SET state = $queued, worker = NULL, not_before = NULL, attempts = max(0, attempts - 1), updated = $now
                WHERE state = $running AND worker = $worker
                """,
                ("$queued", nameof(JobState.Queued)), ("$running", nameof(JobState.Running)), ("$worker", worker),
                ("$now", Text(_time.GetUtcNow())));
            return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        });

    public Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _file.GuardAsync("read the job", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await ReadAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
        });

    public Task<byte[]?> GetContentAsync(string id, CancellationToken cancellationToken = default) =>
        _file.GuardAsync("read the job's content", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var query = SqliteFile.Command(connection, null, "SELECT content FROM jobs WHERE id = $id", ("$id", id));
            return await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        });

    public Task<IReadOnlyList<JobRecord>> ListAsync(string? owner = null, int limit = 50, CancellationToken cancellationToken = default) =>
        _file.GuardAsync<IReadOnlyList<JobRecord>>("list the jobs", async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var query = SqliteFile.Command(connection, null,
                $"SELECT {JobRows.Columns} FROM jobs WHERE $owner IS NULL OR owner = $owner ORDER BY created DESC LIMIT $limit",
                ("$owner", owner), ("$limit", Math.Clamp(limit, 1, 1000)));
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
        _file.GuardAsync(action, async () =>
        {
            await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var update = SqliteFile.Command(connection, null,
                $"UPDATE jobs SET {assignments}, updated = $now WHERE id = $id AND state = $running AND worker = $worker",
                [("$id", id), ("$worker", worker), ("$running", nameof(JobState.Running)), ("$now", Text(_time.GetUtcNow())), .. parameters]);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        });

    private static async Task<JobRecord?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var query = SqliteFile.Command(connection, transaction, $"SELECT {JobRows.Columns} FROM jobs WHERE id = $id", ("$id", id));
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
    }

    private static JobRecord Map(SqliteDataReader reader) => JobRows.Read(reader, static (r, i) => i == 11
        ? DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i))
        : Parse(r.GetString(i)));

    private static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
