using BriefingBot.Bot.Contracts;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Reads and validates an upload: JSON <c>{documents: [...]}</c>, or multipart files with the fields <c>id</c>,
/// <c>title</c>, <c>tags</c> (<c>key=value</c> items, repeated or comma-separated), <c>published</c> and
/// <c>source</c>. Every problem names its field; ids are settled here so that the answer can name them.
/// </summary>
public static class UploadReader
{
    public const int MaxDocuments = 1000;

    public static async Task<(List<PendingUpload>? Uploads, IResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<DocumentsUploadBody>(request, ct);
        if (body is null)
        {
            return (null, problem);
        }

        if (body.Documents is not { Count: > 0 } documents)
        {
            return (null, ApiJson.Invalid("documents", "Give at least one document: {\"documents\": [{\"text\": \"...\"}]}."));
        }

        if (documents.Count > MaxDocuments)
        {
            return (null, ApiJson.Invalid("documents", $"At most {MaxDocuments} documents per request."));
        }

        var uploads = new List<PendingUpload>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var field = $"documents[{i}]";
            if (string.IsNullOrWhiteSpace(d.Text))
            {
                errors[field + ".text"] = ["The text is required."];
                continue;
            }

            if (d.Id is not null && !DocumentId.IsValid(d.Id))
            {
                errors[field + ".id"] = [$"Use 1-{DocumentId.MaxLength} letters, digits, '.', '_' or '-'."];
                continue;
            }

            TagSet tags;
            try
            {
                tags = TagSet.From((d.Tags ?? []).SelectMany(t => t.Value.Select(v => KeyValuePair.Create(t.Key, v))));
            }
            catch (ArgumentException e)
            {
                errors[field + ".tags"] = [e.Message];
                continue;
            }

            uploads.Add(new PendingUpload(new IngestRequest
            {
                DocumentId = d.Id ?? DocumentId.FromContent(TextNormalizer.Normalize(d.Text)),
                Title = d.Title,
                Text = d.Text,
                Tags = tags,
                Published = d.Published,
                Source = d.Source,
            }, FromFile: false));
        }

        return errors.Count > 0 ? (null, Results.ValidationProblem(errors)) : (uploads, null);
    }

    public static async Task<(List<PendingUpload>? Uploads, IResult? Problem)> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var files = form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count == 0)
        {
            return (null, ApiJson.Invalid("files", "Attach at least one file (multipart/form-data)."));
        }

        if (files.Count > MaxDocuments)
        {
            return (null, ApiJson.Invalid("files", $"At most {MaxDocuments} files per request."));
        }

        var id = Single(form, "id");
        if (id is not null && (files.Count > 1 || !DocumentId.IsValid(id)))
        {
            return (null, ApiJson.Invalid("id", files.Count > 1
                ? "An id can only be given with a single file; each of several files gets the id of its name."
                : $"Use 1-{DocumentId.MaxLength} letters, digits, '.', '_' or '-'."));
        }

        var title = Single(form, "title");
        if (title is not null && files.Count > 1)
        {
            return (null, ApiJson.Invalid("title", "A title can only be given with a single file."));
        }

        DateTimeOffset? published = null;
        if (Single(form, "published") is { } date)
        {
            if (!DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, ApiJson.Invalid("published", $"'{date}' is not a date (use ISO 8601, e.g. 2025-03-04)."));
            }

            published = parsed;
        }

        var pairs = form["tags"].SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOfAny([':', '=']);
            if (separator <= 0)
            {
                return (null, ApiJson.Invalid("tags", $"'{pair}' is not a tag; write key=value (or key:value), several separated by commas."));
            }
        }

        try
        {
            ParseTags(pairs);
        }
        catch (ArgumentException e)
        {
            return (null, ApiJson.Invalid("tags", e.Message));
        }

        var source = Single(form, "source");
        var uploads = new List<PendingUpload>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var name = ClientFileName.Clean(file.FileName);
            if (string.IsNullOrWhiteSpace(name) || Path.GetExtension(name).Length == 0)
            {
                return (null, ApiJson.Invalid($"files[{i}]", "Each file needs a name with an extension (.txt, .md, .html, .pdf, .docx)."));
            }

            using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
            await file.CopyToAsync(buffer, ct);
            uploads.Add(new PendingUpload(new IngestRequest
            {
                DocumentId = id ?? DocumentId.FromPath(name),
                Title = title,
                Source = source ?? name,
                Published = published,
                Tags = ParseTags(pairs),
                FileName = name,
                Content = buffer.ToArray(),
            }, FromFile: true));
        }

        return (uploads, null);
    }

    private static TagSet ParseTags(IEnumerable<string> pairs)
    {
        var tags = new TagSet();
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOfAny([':', '=']);
            tags.Add(pair[..separator], pair[(separator + 1)..]);
        }

        return tags;
    }

    private static string? Single(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
}
