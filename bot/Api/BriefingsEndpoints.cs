using System.Text.Json;
using BriefingBot.Bot.Contracts;
using BriefingBot.Bot.Jobs;
using BriefingBot.Memory;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Briefings.Rendering;
using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Api;

/// <summary>
/// <c>POST /api/briefings</c>: a briefing of a few documents (at most <c>Memory:Briefing:ImmediateDocuments</c>) is
/// built while the caller waits and returned as JSON, Markdown or a Word file; a topic or more documents run as a
/// background job (202, <c>Location: /api/briefings/jobs/{id}</c>), whose state <c>GET /api/briefings/jobs/{id}</c>
/// shows and whose result <c>GET /api/briefings/{id}/result?format=…</c> renders. Errors are RFC 7807 problems
/// naming the field at fault. What a caller may read is decided in <see cref="Scope"/> alone.
/// </summary>
public static class BriefingsEndpoints
{
    public const string Json = "json";
    public const string Markdown = "markdown";
    public const string Docx = "docx";

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly string[] Formats = [Json, Markdown, Docx];

    public static string StatusUrl(string jobId) => $"/api/briefings/jobs/{Uri.EscapeDataString(jobId)}";

    public static string ResultUrl(string jobId) => $"/api/briefings/{Uri.EscapeDataString(jobId)}/result";

    public static IEndpointRouteBuilder MapBriefingsApi(this IEndpointRouteBuilder endpoints, ApiOptions options)
    {
        var group = endpoints.MapGroup("/api/briefings").WithTags("Staff API").ProducesStaffRefusals();
        group.MapPost("", CreateAsync)
            .WithName("CreateBriefing").WithSummary("A cited briefing of documents or a topic: at once for a few documents, else a background job.")
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(options.MaxJsonBytes);
        group.MapGet("/jobs/{id}", StatusAsync)
            .WithName("GetBriefingJob").WithSummary("A briefing job's state and progress.")
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(0);
        group.MapGet("/{id}/result", ResultAsync)
            .WithName("GetBriefingResult").WithSummary("A finished briefing job's briefing as JSON, Markdown or a Word file.")
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(0);
        return endpoints;
    }

    /// <summary>
    /// The filter a caller's briefing runs under: the tags asked for, narrowed to what the caller may read. Every
    /// briefing of this API — built at once or by a job, from documents or a topic — takes its filter from here.
    /// </summary>
    internal static MemoryFilter Scope(HttpContext context, MemoryFilter requested) => Caller(context).Restrict(requested);

    /// <summary>Who owns the jobs the caller starts; only they read them back (an unsecured loopback caller reads all).</summary>
    internal static string? Owner(HttpContext context) => Caller(context).JobOwner;

    private static StaffCaller Caller(HttpContext context) =>
        StaffCaller.Of(context.User)
            ?? throw new InvalidOperationException("The briefings API was reached without an authenticated staff caller.");

    private static async Task<IResult> CreateAsync(
        HttpContext context, BriefingMemory memory, BriefingBuilder builder, MemoryOptions options, JobQueue jobs, CancellationToken cancellationToken)
    {
        BriefingBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<BriefingBody>(context.Request.Body, BotJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Invalid(field, $"The request body is not valid JSON for a briefing ({field}): {e.Message.Split(" Path:")[0]}");
        }

        if (body is null)
        {
            return Invalid("body", "The request body must be a JSON object with documentIds or topic.");
        }

        var ids = body.DocumentIds ?? [];
        var blank = ids.FindIndex(string.IsNullOrWhiteSpace);
        if (blank >= 0)
        {
            return Invalid($"documentIds[{blank}]", "Document ids must not be empty.");
        }

        if (ids.Count == 0 && string.IsNullOrWhiteSpace(body.Topic))
        {
            return Invalid("documentIds", "Give documentIds (one or more document ids) or a topic.");
        }

        if (Format(body.Format) is not { } format)
        {
            return Invalid("format", $"format must be {string.Join(", ", Formats)} (got '{body.Format}').");
        }

        if (body.Tags?.FirstOrDefault(t => string.IsNullOrWhiteSpace(t.Key) || t.Value is null || t.Value.Count == 0) is { Key: not null } tag)
        {
            return Invalid($"tags.{tag.Key}", "Every tag needs a name and at least one value.");
        }

        var filter = Scope(context, new MemoryFilter { Tags = (body.Tags ?? []).ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value) });
        var request = new BriefingRequest
        {
            DocumentIds = ids.Select(id => id!.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            Topic = string.IsNullOrWhiteSpace(body.Topic) ? null : body.Topic.Trim(),
            Filter = filter,
        };
        foreach (var id in request.DocumentIds)
        {
            var document = await memory.Store.GetDocumentAsync(id, cancellationToken);
            if (document is null || !Allows(filter, document.Tags) || !Caller(context).CanSee(document))
            {
                return Results.Problem(
                    $"No document '{id}' in the memory.", statusCode: StatusCodes.Status404NotFound, title: "Unknown document",
                    extensions: new Dictionary<string, object?> { ["field"] = "documentIds", ["documentId"] = id });
            }
        }

        if (request.DocumentIds.Count > 0 && request.DocumentIds.Count <= options.Briefing.ImmediateDocuments)
        {
            return Render(await builder.BuildAsync(request, cancellationToken), format);
        }

        var job = await jobs.EnqueueAsync(
            new NewJob(BriefingJobHandler.Kind, JobJson.Serialize(BriefingJobPayload.From(request)), Owner: Owner(context)), cancellationToken);
        return new Accepted(StatusUrl(job.Id), Results.Json(BriefingJobResponse.From(job), BotJson.Options, statusCode: StatusCodes.Status202Accepted));
    }

    private static async Task<IResult> StatusAsync(HttpContext context, string id, JobQueue jobs, CancellationToken cancellationToken) =>
        await FindAsync(context, id, jobs, cancellationToken) is { } job
            ? Results.Json(BriefingJobResponse.From(job), BotJson.Options)
            : NoJob(id);

    private static async Task<IResult> ResultAsync(HttpContext context, string id, string? format, JobQueue jobs, CancellationToken cancellationToken)
    {
        if (Format(format) is not { } chosen)
        {
            return Invalid("format", $"format must be {string.Join(", ", Formats)} (got '{format}').");
        }

        if (await FindAsync(context, id, jobs, cancellationToken) is not { } job)
        {
            return NoJob(id);
        }

        return job.State switch
        {
            JobState.Succeeded when job.Result is { } result => Render(BriefingJson.Deserialize(result), chosen),
            JobState.Failed => Results.Problem(
                $"The briefing job '{id}' failed: {job.Error}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Briefing failed",
                extensions: new Dictionary<string, object?> { ["jobId"] = id, ["state"] = "failed" }),
            _ => Results.Problem(
                $"The briefing job '{id}' is {job.State.ToString().ToLowerInvariant()} ({job.Progress.Done} of {job.Progress.Total} steps); its result is not ready.",
                statusCode: StatusCodes.Status409Conflict, title: "Briefing not ready",
                extensions: new Dictionary<string, object?> { ["jobId"] = id, ["statusUrl"] = StatusUrl(id) }),
        };
    }

    private static async Task<JobRecord?> FindAsync(HttpContext context, string id, JobQueue jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.Store.GetAsync(id, cancellationToken);
        return job is not null && job.Kind == BriefingJobHandler.Kind && (Owner(context) is not { } owner || job.Owner == owner) ? job : null;
    }

    private static IResult Render(Briefing briefing, string format)
    {
        switch (format)
        {
            case Markdown:
                return Results.Text(BriefingMarkdown.Render(briefing), "text/markdown; charset=utf-8");
            case Docx:
                using (var stream = new MemoryStream())
                {
                    BriefingDocx.Write(briefing, stream);
                    return Results.File(stream.ToArray(), DocxType, "briefing.docx");
                }

            default:
                return Results.Text(BriefingJson.Serialize(briefing), "application/json; charset=utf-8");
        }
    }

    private static string? Format(string? requested) =>
        string.IsNullOrWhiteSpace(requested) ? Json
            : requested.Trim().ToLowerInvariant() switch
            {
                Json => Json,
                Markdown or "md" => Markdown,
                Docx => Docx,
                _ => null,
            };

    /// <summary>Whether a document's tags satisfy the filter: every key of the filter, with any of its values.</summary>
    private static bool Allows(MemoryFilter filter, IReadOnlyDictionary<string, IReadOnlyList<string>> tags) =>
        filter.Tags.All(t => tags.TryGetValue(t.Key, out var values) && values.Any(t.Value.Contains));

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    private static IResult NoJob(string id) => Results.Problem(
        $"No briefing job '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown briefing job",
        extensions: new Dictionary<string, object?> { ["jobId"] = id });

    /// <summary>202 Accepted with the job's status as body and its URL as <c>Location</c>.</summary>
    private sealed class Accepted(string location, IResult body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return body.ExecuteAsync(httpContext);
        }
    }
}
