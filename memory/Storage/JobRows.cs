using System.Data.Common;
using BriefingBot.Memory.Jobs;

namespace BriefingBot.Memory.Storage;

/// <summary>The <c>jobs</c> table's columns as every store selects them, and a row read back as a <see cref="JobRecord"/>.</summary>
internal static class JobRows
{
    public const string Columns =
        "id, kind, state, payload, progress, result, error, attempts, max_attempts, owner, worker, not_before, created, updated";

    /// <summary>Reads a row; <paramref name="time"/> reads a time column in the store's own representation.</summary>
    public static JobRecord Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> time)
    {
        var state = Enum.Parse<JobState>(reader.GetString(2));
        return new JobRecord
        {
            Id = reader.GetString(0),
            Kind = reader.GetString(1),
            State = state,
            Payload = reader.GetString(3),
            Progress = reader.IsDBNull(4) ? JobProgress.None : JobJson.Deserialize<JobProgress>(reader.GetString(4)),
            Result = reader.IsDBNull(5) ? null : reader.GetString(5),
            Error = reader.IsDBNull(6) ? null : reader.GetString(6),
            Attempts = reader.GetInt32(7),
            MaxAttempts = reader.GetInt32(8),
            Owner = reader.IsDBNull(9) ? null : reader.GetString(9),
            Worker = reader.IsDBNull(10) ? null : reader.GetString(10),
            LeaseUntil = state == JobState.Running && !reader.IsDBNull(11) ? time(reader, 11) : null,
            Created = time(reader, 12),
            Updated = time(reader, 13),
        };
    }
}
