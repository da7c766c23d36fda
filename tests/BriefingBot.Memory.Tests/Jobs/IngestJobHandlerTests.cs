using System.Text;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Jobs;

/// <summary>An ingestion job on a real memory reports each pipeline step as it starts, then completion.</summary>
public sealed class IngestJobHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_NewDocument_ReportsEveryStepInOrderThenDone()
    {
        using var test = await TestMemory.CreateAsync();
        var reports = new List<JobProgress>();

        await new IngestJobHandler(test.Memory).RunAsync(Execution("levy.txt", reports), Ct);

        Assert.Equal(
            [(0, "extract"), (1, "partition"), (2, "gen_embeddings"), (3, "save_records"), (4, null)],
            reports.Select(r => (r.Done, r.Step)));
        Assert.All(reports, r => Assert.Equal(4, r.Total));
    }

    [Fact]
    public async Task Run_UnchangedDocument_SkipsEmbeddingAndSaving()
    {
        using var test = await TestMemory.CreateAsync();
        var handler = new IngestJobHandler(test.Memory);
        await handler.RunAsync(Execution("levy.txt", []), Ct);
        var reports = new List<JobProgress>();

        await handler.RunAsync(Execution("levy.txt", reports), Ct);

        Assert.Equal([(0, "extract"), (1, "partition"), (4, null)], reports.Select(r => (r.Done, r.Step)));
    }

    private static JobExecution Execution(string fileName, List<JobProgress> reports)
    {
        var job = new JobRecord
        {
            Id = "job-1",
            Kind = IngestJobHandler.Kind,
            State = JobState.Running,
            Payload = JobJson.Serialize(new IngestJobPayload { FileName = fileName, DocumentId = "levy" }),
            Created = DateTimeOffset.UnixEpoch,
            Updated = DateTimeOffset.UnixEpoch,
        };
        var content = Encoding.UTF8.GetBytes(
            "Harbour levy approved\n\nThe town council approved a harbour levy of two euros per visiting yacht to repair the sea wall.");
        return new JobExecution(job, content, (progress, _) =>
        {
            reports.Add(progress);
            return Task.CompletedTask;
        });
    }
}
