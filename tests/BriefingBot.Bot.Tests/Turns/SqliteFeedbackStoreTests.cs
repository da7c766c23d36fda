using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Feedback;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Tests.Turns;

public sealed class SqliteFeedbackStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RecordFeedback_AnswerOnRecord_StoredWithTheAnswer()
    {
        var store = NewStore();
        await store.RecordAnswerAsync(Answer("m-1"), TestContext.Current.CancellationToken);

        var matched = await store.RecordFeedbackAsync(Feedback("m-1", "like"), TestContext.Current.CancellationToken);

        Assert.True(matched);
        var row = await FeedbackStore.WaitForRowAsync(_folder, "m-1");
        Assert.Equal("What was agreed?", row["question"]);
        Assert.Equal("A levy was agreed. [1]", row["answer"]);
    }

    [Fact]
    public async Task RecordFeedback_BeforeTheAnswerIsOnRecord_FilledInWhenTheAnswerArrives()
    {
        var store = NewStore();

        var matched = await store.RecordFeedbackAsync(Feedback("m-2", "dislike"), TestContext.Current.CancellationToken);
        await store.RecordAnswerAsync(Answer("m-2"), TestContext.Current.CancellationToken);

        Assert.False(matched);
        var row = await FeedbackStore.WaitForRowAsync(_folder, "m-2");
        Assert.Equal("dislike", row["reaction"]);
        Assert.Equal("What was agreed?", row["question"]);
    }

    private SqliteFeedbackStore NewStore()
    {
        Directory.CreateDirectory(_folder);
        return new SqliteFeedbackStore(Path.Combine(_folder, "memory.db"));
    }

    private static AnswerRecord Answer(string id) =>
        new("msteams:c1", id, "What was agreed?", "A levy was agreed. [1]", "[{\"n\":1,\"documentId\":\"d\"}]", "extractive", DateTimeOffset.UtcNow);

    private static FeedbackRecord Feedback(string id, string reaction) => new("msteams:c1", id, "29:u", reaction, "comment", DateTimeOffset.UtcNow);
}
