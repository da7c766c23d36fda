using Microsoft.Data.Sqlite;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>Reads the feedback the bot stored in the memory's SQLite file.</summary>
public static class FeedbackStore
{
    /// <summary>
    /// The one feedback row for <paramref name="messageId"/>, once it carries the rated question (the answer is
    /// recorded just after it is delivered); fails after 10 s.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string?>> WaitForRowAsync(string dataFolder, string messageId)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "memory.db")};Pooling=False");
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT reaction, comment, question, answer, citations, user_id FROM bot_feedback WHERE message_id = $id";
            command.Parameters.AddWithValue("$id", messageId);
            var rows = new List<Dictionary<string, string?>>();
            await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
            {
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetString(i)));
                }
            }

            if (rows.Count == 1 && rows[0]["question"] is not null)
            {
                return rows[0];
            }

            Assert.True(attempt < 200, $"No feedback row with its answer for {messageId}: {rows.Count} rows.");
            Assert.True(rows.Count <= 1, $"{rows.Count} feedback rows for {messageId}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
