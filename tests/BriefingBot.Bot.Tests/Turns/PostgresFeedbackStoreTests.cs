using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Feedback;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Bot.Turns;
using Npgsql;

namespace BriefingBot.Bot.Tests.Turns;

/// <summary>The feedback store on a real PostgreSQL database: the same matching of feedback to answers as the SQLite store.</summary>
public sealed class PostgresFeedbackStoreTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _source;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task RecordFeedback_AnswerOnRecord_StoredWithTheAnswer()
    {
        var store = await NewStoreAsync();
        await store.RecordAnswerAsync(Answer("m-1"), TestContext.Current.CancellationToken);

        var matched = await store.RecordFeedbackAsync(Feedback("m-1", "like"), TestContext.Current.CancellationToken);

        Assert.True(matched);
        var row = await RowAsync("m-1");
        Assert.Equal(("like", "What was agreed?", "A levy was agreed. [1]"), row);
    }

    [Fact]
    public async Task RecordFeedback_BeforeTheAnswerIsOnRecord_FilledInWhenTheAnswerArrives()
    {
        var store = await NewStoreAsync();

        var matched = await store.RecordFeedbackAsync(Feedback("m-2", "dislike"), TestContext.Current.CancellationToken);
        await new PostgresFeedbackStore(_source!).RecordAnswerAsync(Answer("m-2"), TestContext.Current.CancellationToken);

        Assert.False(matched);
        Assert.Equal(("dislike", "What was agreed?", "A levy was agreed. [1]"), await RowAsync("m-2"));
    }

    private async Task<PostgresFeedbackStore> NewStoreAsync()
    {
        _database = await TestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        _source = _database.NewDataSource();
        return new PostgresFeedbackStore(_source);
    }

    private async Task<(string Reaction, string? Question, string? Answer)> RowAsync(string messageId)
    {
        await using var command = _source!.CreateCommand("SELECT reaction, question, answer FROM bot_feedback WHERE message_id = @id");
        command.Parameters.AddWithValue("id", messageId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    private static AnswerRecord Answer(string id) =>
        new("msteams:c1", id, "What was agreed?", "A levy was agreed. [1]", "[{\"n\":1,\"documentId\":\"d\"}]", "extractive", DateTimeOffset.UtcNow);

    private static FeedbackRecord Feedback(string id, string reaction) => new("msteams:c1", id, "29:u", reaction, "comment", DateTimeOffset.UtcNow);
}
