namespace BriefingBot.Memory.DirectLine;

/// <summary>
/// Where Direct Line conversations, their activities and uploads are kept: a SQLite file beside the memory, or the
/// memory's PostgreSQL database, which every bot instance shares. Writes that find no room (a full disk, a size cap)
/// throw <see cref="Storage.StoreFullException"/>, which the server answers with 503 and <c>Retry-After</c>.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>Where the conversations are, for the log.</summary>
    string Location { get; }

    /// <summary>The signing key kept in the store, made on first use (the same for every instance sharing the store).</summary>
    Task<byte[]> SigningKeyAsync(CancellationToken cancellationToken);

    /// <summary>Creates the conversation; false when it already exists.</summary>
    Task<bool> CreateConversationAsync(StoredConversation conversation, CancellationToken cancellationToken);

    Task<StoredConversation?> FindConversationAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity as the conversation's next one: takes the next sequence number (its watermark) atomically,
    /// whichever instance appends, has <paramref name="serialize"/> make its JSON with that number, and stores it.
    /// </summary>
    Task<StoredActivity> AppendAsync(
        string conversationId, bool transient, DateTimeOffset now, Func<long, string> serialize, CancellationToken cancellationToken);

    /// <summary>
    /// The activities after <paramref name="afterSequence"/>, oldest first; transient ones (typing, stream updates)
    /// only when they are newer than <paramref name="transientSince"/> (null: none).
    /// </summary>
    Task<IReadOnlyList<StoredActivity>> ReadAfterAsync(
        string conversationId, long afterSequence, DateTimeOffset? transientSince, int limit, CancellationToken cancellationToken);

    Task SaveUploadAsync(StoredUpload upload, CancellationToken cancellationToken);

    Task<StoredUpload?> FindUploadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes conversations idle since before <paramref name="cutoff"/> with everything in them; returns their ids.</summary>
    Task<IReadOnlyList<string>> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Deletes transient activities (typing, stream updates) older than <paramref name="cutoff"/>.</summary>
    Task<int> DeleteTransientAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="Storage.StoreFullException"/> when a write would find no room.</summary>
    Task CheckWritableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reports appends made by other instances sharing the store until cancelled: the conversation's id, or null when
    /// some may have been missed (after a reconnect). Completes at once for a store only this process writes.
    /// </summary>
    Task WatchAsync(Action<string?> changed, CancellationToken cancellationToken);
}
