using BriefingBot.Memory.DirectLine;
using BriefingBot.Bot.DirectLine;

namespace BriefingBot.Bot.Tests.DirectLine;

/// <summary>
/// The behaviour every <see cref="IDirectLineStore"/> shares, run against the SQLite file and the PostgreSQL database
/// by subclasses. Each call to <see cref="OpenStoreAsync"/> opens the same place anew, as another process would.
/// </summary>
public abstract class DirectLineStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store over the test's place (created on first use); skips the test when it cannot exist here.</summary>
    protected abstract Task<IDirectLineStore> OpenStoreAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public abstract ValueTask DisposeAsync();

    [Fact]
    public async Task AppendAsync_ThenReadAfter_NumbersFromOneAndReadsAfterTheWatermark()
    {
        var store = await OpenStoreAsync();
        await store.CreateConversationAsync(new StoredConversation("c1", "u1", "site", Start, Start), Ct);

        for (var i = 0; i < 3; i++)
        {
            var appended = await store.AppendAsync("c1", transient: false, Start.AddSeconds(i), sequence => $"{{\"n\":{sequence}}}", Ct);
            Assert.Equal(i + 1, appended.Sequence);
        }

        Assert.Equal([2L, 3L], (await store.ReadAfterAsync("c1", 1, null, 10, Ct)).Select(a => a.Sequence));
        Assert.Equal(["{\"n\":1}"], (await store.ReadAfterAsync("c1", 0, null, 1, Ct)).Select(a => a.Json));
        var conversation = await store.FindConversationAsync("c1", Ct);
        Assert.Equal(Start.AddSeconds(2), conversation!.LastActive);
        Assert.Equal("u1", conversation.UserId);
    }

    [Fact]
    public async Task CheckWritableAsync_WithRoom_PassesAndLeavesNothingBehind()
    {
        var store = await OpenStoreAsync();
        await store.CreateConversationAsync(new StoredConversation("c1", null, "site", Start, Start), Ct);

        await store.CheckWritableAsync(Ct);
        await store.CheckWritableAsync(Ct);

        Assert.Equal(1, (await store.AppendAsync("c1", false, Start, sequence => $"{{\"n\":{sequence}}}", Ct)).Sequence);
        Assert.Single(await store.ReadAfterAsync("c1", 0, null, 10, Ct));
    }

    [Fact]
    public async Task CreateConversationAsync_Twice_SecondReportsItExists()
    {
        var store = await OpenStoreAsync();

        Assert.True(await store.CreateConversationAsync(new StoredConversation("c1", null, "site", Start, Start), Ct));
        Assert.False(await store.CreateConversationAsync(new StoredConversation("c1", "other", "site", Start, Start), Ct));
        Assert.Null((await store.FindConversationAsync("c1", Ct))!.UserId);
        Assert.Null(await store.FindConversationAsync("missing", Ct));
    }

    [Fact]
    public async Task AppendAsync_FromTwoStoresAtOnce_TakesEverySequenceOnce()
    {
        var first = await OpenStoreAsync();
        var second = await OpenStoreAsync();
        await first.CreateConversationAsync(new StoredConversation("shared", null, "site", Start, Start), Ct);

        var appends = Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? first : second).AppendAsync("shared", false, Start, sequence => $"{{\"seq\":{sequence},\"from\":{i % 2}}}", Ct));
        var stored = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), stored.Select(a => a.Sequence).Order());
        var read = await second.ReadAfterAsync("shared", 0, null, 100, Ct);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), read.Select(a => a.Sequence));
        Assert.All(read, a => Assert.StartsWith($"{{\"seq\":{a.Sequence},", a.Json));
    }

    [Fact]
    public async Task AppendAsync_UnknownConversation_FailsAndStoresNothing()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("nowhere", false, Start, _ => "{}", Ct));
        Assert.Empty(await store.ReadAfterAsync("nowhere", 0, null, 10, Ct));
    }

    [Fact]
    public async Task ReadAfterAsync_TransientActivities_OnlyWhenFresh()
    {
        var store = await OpenStoreAsync();
        await store.CreateConversationAsync(new StoredConversation("c1", null, "site", Start, Start), Ct);
        await store.AppendAsync("c1", transient: true, Start, _ => "{\"type\":\"typing\"}", Ct);
        await store.AppendAsync("c1", transient: false, Start.AddSeconds(1), _ => "{\"type\":\"message\"}", Ct);
        await store.AppendAsync("c1", transient: true, Start.AddSeconds(20), _ => "{\"type\":\"typing\"}", Ct);

        Assert.Equal([2L], (await store.ReadAfterAsync("c1", 0, null, 10, Ct)).Select(a => a.Sequence));
        Assert.Equal([2L, 3L], (await store.ReadAfterAsync("c1", 0, Start.AddSeconds(10), 10, Ct)).Select(a => a.Sequence));
        Assert.True((await store.ReadAfterAsync("c1", 0, Start.AddSeconds(10), 10, Ct))[1].Transient);
        Assert.Equal(1, await store.DeleteTransientAsync(Start.AddSeconds(10), Ct));
        Assert.Equal([2L, 3L], (await store.ReadAfterAsync("c1", 0, Start, 10, Ct)).Select(a => a.Sequence));
    }

    [Fact]
    public async Task DeleteIdleAsync_OldConversation_GoesWithItsActivitiesAndUploads()
    {
        var store = await OpenStoreAsync();
        await store.CreateConversationAsync(new StoredConversation("old", null, "site", Start, Start), Ct);
        await store.CreateConversationAsync(new StoredConversation("new", null, "site", Start, Start), Ct);
        await store.AppendAsync("old", false, Start, _ => "{}", Ct);
        await store.AppendAsync("new", false, Start.AddHours(2), _ => "{}", Ct);
        await store.SaveUploadAsync(new StoredUpload("u-old", "old", "notes.txt", "text/plain", [1, 2, 3]), Ct);
        await store.SaveUploadAsync(new StoredUpload("u-new", "new", "chart.png", "image/png", [4, 5]), Ct);

        Assert.Equal(["old"], await store.DeleteIdleAsync(Start.AddHours(1), Ct));

        Assert.Null(await store.FindConversationAsync("old", Ct));
        Assert.Empty(await store.ReadAfterAsync("old", 0, null, 10, Ct));
        Assert.Null(await store.FindUploadAsync("u-old", Ct));
        var kept = await store.FindUploadAsync("u-new", Ct);
        Assert.Equal(("chart.png", "image/png"), (kept!.Name, kept.ContentType));
        Assert.Equal(new byte[] { 4, 5 }, kept.Content);
    }

    [Fact]
    public async Task SigningKey_TwoStoresOverOnePlace_ShareOneKey()
    {
        var first = await (await OpenStoreAsync()).SigningKeyAsync(TestContext.Current.CancellationToken);
        var second = await (await OpenStoreAsync()).SigningKeyAsync(TestContext.Current.CancellationToken);

        Assert.True(first.Length >= 32);
        Assert.Equal(first, second);
    }
}
