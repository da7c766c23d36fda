using System.Text.Json;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Answering;

/// <summary>
/// The development questions about the original sample article (../shared/eval/seed-dev.jsonl): every answerable
/// question's facts appear in the answer and a cited passage contains a <c>cite</c> phrase; the unanswerable abstain.
/// </summary>
public sealed class SeedQuestionsTests
{
    public static TheoryData<string> QuestionIds()
    {
        var data = new TheoryData<string>();
        if (SharedData.Folder is null)
        {
            data.Add("(shared data absent)");
            return data;
        }

        foreach (var line in File.ReadLines(SharedData.Path("eval", "seed-dev.jsonl")).Where(l => l.Length > 0))
        {
            data.Add(JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(QuestionIds))]
    public async Task Ask_SeedQuestion_AnswersWithFactsAndCitationsOrAbstains(string id)
    {
        Assert.SkipWhen(SharedData.Folder is null, SharedData.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        var seed = File.ReadLines(SharedData.Path("eval", "seed-dev.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("id").GetString() == id);
        using var test = await TestMemory.CreateAsync();
        var request = await IngestRequest.FromFileAsync(SharedData.Path("samples", "us-russia-talks.txt"), cancellationToken: ct);
        Assert.Equal(IngestOutcome.Created, (await test.Memory.IngestAsync(request, ct)).Outcome);

        var answer = await test.Memory.AskAsync(seed.GetProperty("question").GetString()!, cancellationToken: ct);

        if (seed.TryGetProperty("unanswerable", out var unanswerable) && unanswerable.GetBoolean())
        {
            Assert.True(answer.NoResult, $"expected abstention, got: {answer.Text}");
            Assert.Empty(answer.Citations);
            return;
        }

        Assert.False(answer.NoResult);
        var text = answer.Text.ToLowerInvariant();
        foreach (var group in seed.GetProperty("facts").EnumerateArray())
        {
            var phrases = group.EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.True(phrases.Any(text.Contains), $"none of [{string.Join(", ", phrases)}] in: {answer.Text}");
        }

        var cites = seed.GetProperty("cite").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(answer.Citations, c => cites.Any(c.Text.ToLowerInvariant().Contains));
    }
}
