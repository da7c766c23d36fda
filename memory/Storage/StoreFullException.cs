using Microsoft.Data.Sqlite;
using Npgsql;

namespace BriefingBot.Memory.Storage;

/// <summary>
/// A write found no room: SQLite's <c>SQLITE_FULL</c> (the disk, or a configured size cap) or PostgreSQL's
/// <c>disk_full</c> (53100). Nothing was changed; the same write succeeds once space is freed.
/// </summary>
public sealed class StoreFullException(string message, Exception? inner = null) : MemoryStoreException(message, inner)
{
    /// <summary>Below this much free space on the disk of a store's file, the store counts as full.</summary>
    public const long MinimumFreeBytes = 1024 * 1024;

    /// <summary>True when <paramref name="exception"/> is a store's own report that it has no room.</summary>
    public static bool IsFull(Exception exception) => exception is
        SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL } or PostgresException { SqlState: PostgresErrorCodes.DiskFull };

    /// <summary>Throws when the disk holding <paramref name="path"/> has less than <see cref="MinimumFreeBytes"/> free.</summary>
    public static void ThrowIfDiskFull(string path, string what)
    {
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var free = new DriveInfo(folder).AvailableFreeSpace;
        if (free < MinimumFreeBytes)
        {
            throw new StoreFullException($"{what} is full: {free / 1024} KB free on the disk of {folder}.");
        }
    }
}
