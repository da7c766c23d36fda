using BriefingBot.Memory.Jobs;

namespace BriefingBot.Bot.Api;

/// <summary><c>GET /api/jobs/{id}</c> and <c>GET /api/jobs</c>: a caller sees the jobs it started; an unsecured loopback caller sees all.</summary>
public static class JobEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{id}", GetAsync)
            .WithName("GetJob").WithSummary("A background job's state, progress, errors and result.")
            .Produces<JobResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(0);
        api.MapGet("/jobs", ListAsync)
            .WithName("ListJobs").WithSummary("The caller's background jobs, newest first.")
            .Produces<IReadOnlyList<JobResponse>>()
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(0);
    }

    public static string Url(string id) => "/api/jobs/" + Uri.EscapeDataString(id);

    private static async Task<IResult> GetAsync(string id, StaffCaller caller, IJobStore store, CancellationToken ct)
    {
        var job = await store.GetAsync(id, ct);
        return job is null || (caller.JobOwner is { } owner && job.Owner != owner)
            ? Results.Problem($"There is no job '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not Found")
            : Results.Ok(JobResponse.From(job));
    }

    private static async Task<IResult> ListAsync(StaffCaller caller, IJobStore store, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 500)
        {
            return ApiJson.Invalid("limit", "The limit must be between 1 and 500.");
        }

        var jobs = await store.ListAsync(caller.JobOwner, limit ?? 50, ct);
        return Results.Ok(new { jobs = jobs.Select(JobResponse.From).ToList() });
    }
}
