using BriefingBot.Bot.Contracts;
using BriefingBot.Memory;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Api;

/// <summary>
/// <c>/api/documents</c>: upload (JSON text ingested at once, files and large JSON as background jobs), list with tag
/// filters and an opaque cursor, get one, delete one. A document outside the caller's scope does not exist for them.
/// </summary>
public static class DocumentEndpoints
{
    public static void Map(RouteGroupBuilder api, ApiOptions options)
    {
        api.MapPost("/documents", UploadAsync)
            .WithName("UploadDocuments")
            .WithSummary("Uploads documents: JSON text (ingested at once, 201) or multipart files (background jobs, 202).")
            .Accepts<DocumentsUploadBody>("application/json", "multipart/form-data")
            .Produces<DocumentsUploaded>(StatusCodes.Status201Created)
            .Produces<JobsAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery()
            .RequireAuthorization(StaffAuthentication.WritePolicy).WithBodyLimit(options.MaxUploadBytes);
        api.MapGet("/documents", ListAsync)
            .WithName("ListDocuments").WithSummary("Lists documents, newest first, a page at a time; tag=key:value filters (values of one key are alternatives).")
            .Produces<DocumentPage>()
            .ProducesValidationProblem()
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(0);
        api.MapGet("/documents/{id}", GetAsync)
            .WithName("GetDocument").WithSummary("A document's metadata, chunk and token counts and status.")
            .Produces<DocumentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(StaffAuthentication.ReadPolicy).WithBodyLimit(0);
        api.MapDelete("/documents/{id}", DeleteAsync)
            .WithName("DeleteDocument").WithSummary("Deletes a document and its passages.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(StaffAuthentication.WritePolicy).WithBodyLimit(0);
    }

    private static async Task<IResult> UploadAsync(HttpContext context, StaffCaller caller, BriefingMemory memory, ApiOptions options, IngestJobQueue jobs, CancellationToken ct)
    {
        var (uploads, problem) = context.Request.HasFormContentType
            ? await UploadReader.ReadFormAsync(context.Request, ct)
            : await UploadReader.ReadJsonAsync(context.Request, ct);
        if (uploads is null)
        {
            return problem!;
        }

        var (ifMatch, ifMatchProblem) = IfMatch(context.Request, uploads.Count);
        if (ifMatchProblem is not null)
        {
            return ifMatchProblem;
        }

        for (var i = 0; i < uploads.Count; i++)
        {
            if (await ScopeProblemAsync(caller, memory, uploads[i], i, ct) is { } refusal)
            {
                return refusal;
            }
        }

        // The scope and the version are checked again where each document is saved, inside the saving transaction.
        uploads = uploads.Select(u => u with { Request = u.Request with { Condition = caller.SavingCondition(ifMatch) } }).ToList();

        var inline = uploads.All(u => u.Request.FileName is null) && uploads.Sum(u => (long)u.Request.Text!.Length) <= options.InlineIngestMaxChars;
        if (!inline)
        {
            var accepted = new List<AcceptedJob>();
            foreach (var upload in uploads)
            {
                var job = await jobs.EnqueueAsync(upload.Request, caller.JobOwner, ct);
                accepted.Add(new AcceptedJob(job.Id, job.State.ToString().ToLowerInvariant(), JobEndpoints.Url(job.Id), upload.Request.DocumentId!, upload.Request.FileName));
            }

            return Results.Accepted(accepted[0].StatusUrl, new JobsAccepted(accepted));
        }

        var results = new List<UploadedDocument>();
        var outcomes = new List<IngestOutcome>();
        var transient = false;
        foreach (var upload in uploads)
        {
            var result = await memory.IngestAsync(upload.Request, ct);
            transient |= result.Transient;
            outcomes.Add(result.Outcome);
            results.Add(new UploadedDocument(
                result.DocumentId, result.Outcome.ToString().ToLowerInvariant(), result.Chunks, result.Tokens, Url(result.DocumentId), result.Error, result.Version));
        }

        if (results.All(r => r.Error is not null) && transient)
        {
            throw new MemoryStoreException(results[0].Error!);
        }

        if (outcomes.All(o => o == IngestOutcome.Refused))
        {
            return Results.Problem(results[0].Error, statusCode: StatusCodes.Status403Forbidden, title: "Outside the caller's scope");
        }

        if (outcomes.All(o => o == IngestOutcome.Conflict))
        {
            return Results.Problem(results[0].Error, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        if (results.Count == 1 && results[0].Version is { } version)
        {
            context.Response.Headers.ETag = ETag(version);
        }

        if (results.All(r => r.Error is not null))
        {
            return Results.ValidationProblem(
                results.Select((r, i) => (r, i)).ToDictionary(x => $"documents[{x.i}]", x => new[] { x.r.Error! }),
                detail: "No document could be ingested.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        return Results.Created(results[0].Url, new DocumentsUploaded(results));
    }

    private static async Task<IResult?> ScopeProblemAsync(StaffCaller caller, BriefingMemory memory, PendingUpload upload, int index, CancellationToken ct)
    {
        if (!caller.IsScoped)
        {
            return null;
        }

        var tags = upload.Request.Tags;
        foreach (var (key, allowed) in caller.Scope)
        {
            var present = tags.ToDictionary().GetValueOrDefault(key);
            if (present is null && allowed.Count == 1)
            {
                tags.Add(key, allowed[0]);
                continue;
            }

            var outside = present?.FirstOrDefault(v => !allowed.Contains(v, StringComparer.Ordinal));
            if (present is null || outside is not null)
            {
                var message = present is null
                    ? $"'{caller.Name}' must tag each document {key} = {string.Join(" or ", allowed)}."
                    : $"The tag {key} = {outside} is outside the scope of '{caller.Name}', which may only upload documents tagged {key} = {string.Join(" or ", allowed)}.";
                return OutsideScope($"{upload.Field(index)}.tags", message);
            }
        }

        var existing = await memory.Store.GetDocumentAsync(upload.Request.DocumentId!, ct);
        return existing is not null && !caller.CanSee(existing)
            ? Results.Problem($"The id '{upload.Request.DocumentId}' is not available to '{caller.Name}'.", statusCode: StatusCodes.Status403Forbidden)
            : null;
    }

    private static async Task<IResult> ListAsync(HttpContext context, StaffCaller caller, BriefingMemory memory, ApiOptions options, int? limit, string? cursor, CancellationToken ct)
    {
        var (filter, error) = TagFilter.Parse(context.Request.Query["tag"]);
        if (filter is null)
        {
            return ApiJson.Invalid("tag", error!);
        }

        if (limit is { } l && (l < 1 || l > options.MaxPageSize))
        {
            return ApiJson.Invalid("limit", $"The limit must be between 1 and {options.MaxPageSize}.");
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && DocumentCursor.Decode(cursor) is not { } decoded)
        {
            return ApiJson.Invalid("cursor", "The cursor is not one this API returned.");
        }
        else if (!string.IsNullOrEmpty(cursor))
        {
            offset = DocumentCursor.Decode(cursor)!.Value;
        }

        var take = limit ?? options.DefaultPageSize;
        var documents = await memory.ListAsync(caller.Restrict(filter), offset, take + 1, ct);
        var next = documents.Count > take ? DocumentCursor.Encode(offset + take) : null;
        var query = string.Join("&", context.Request.Query["tag"].Select(t => "tag=" + Uri.EscapeDataString(t ?? "")).Append($"limit={take}").Append($"cursor={next}"));
        return Results.Ok(new DocumentPage(documents.Take(take).Select(DocumentResponse.From).ToList(), next, next is null ? null : $"/api/documents?{query}"));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, StaffCaller caller, BriefingMemory memory, CancellationToken ct)
    {
        var document = DocumentId.IsValid(id) ? await memory.Store.GetDocumentAsync(id, ct) : null;
        if (document is null || !caller.CanSee(document))
        {
            return NotFound(id);
        }

        context.Response.Headers.ETag = ETag(document.ContentHash);
        return Results.Ok(DocumentResponse.From(document) with { Status = "ready" });
    }

    /// <summary>A document's version as an entity tag: its content hash, quoted.</summary>
    public static string ETag(string version) => $"\"{version}\"";

    /// <summary>
    /// The version an upload requires from <c>If-Match</c> (an ETag this API gave, or <c>*</c> for "any stored
    /// version"), for a single document only.
    /// </summary>
    private static (string? Version, IResult? Problem) IfMatch(HttpRequest request, int documents)
    {
        var values = request.Headers.IfMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (values.Count == 0)
        {
            return (null, null);
        }

        if (values.Count > 1 || documents > 1)
        {
            return (null, ApiJson.Invalid("If-Match", "If-Match takes one ETag (or *), and only with a single document."));
        }

        var value = values[0].StartsWith("W/", StringComparison.Ordinal) ? values[0][2..] : values[0];
        return (value == SaveCondition.AnyVersion ? value : value.Trim('"'), null);
    }

    private static async Task<IResult> DeleteAsync(string id, StaffCaller caller, BriefingMemory memory, CancellationToken ct)
    {
        var document = DocumentId.IsValid(id) ? await memory.Store.GetDocumentAsync(id, ct) : null;
        if (document is null || !caller.CanSee(document))
        {
            return NotFound(id);
        }

        return await memory.DeleteAsync(id, ct) ? Results.NoContent() : NotFound(id);
    }

    /// <summary>A 403 problem naming the field whose tags leave the caller's scope.</summary>
    private static IResult OutsideScope(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message,
            statusCode: StatusCodes.Status403Forbidden, title: "Outside the caller's scope");

    public static string Url(string id) => "/api/documents/" + Uri.EscapeDataString(id);

    private static IResult NotFound(string id) =>
        Results.Problem($"There is no document '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
}
