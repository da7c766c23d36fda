namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>Chooses the extractor for a file by its extension and enforces the size limit.</summary>
public sealed class TextExtraction
{
    private readonly Dictionary<string, ITextExtractor> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    public TextExtraction(IEnumerable<ITextExtractor> extractors, long maxFileBytes)
    {
        MaxFileBytes = maxFileBytes;
        foreach (var extractor in extractors)
        {
            foreach (var extension in extractor.Extensions)
            {
                _byExtension[extension] = extractor;
            }
        }
    }

    public long MaxFileBytes { get; }

    public IReadOnlyCollection<string> SupportedExtensions => _byExtension.Keys;

    public bool Supports(string fileName) => _byExtension.ContainsKey(Path.GetExtension(fileName));

    public ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName);
        if (!_byExtension.TryGetValue(extension, out var extractor))
        {
            throw new ExtractionException(
                $"{fileName}: unknown format '{extension}'; supported: {string.Join(", ", _byExtension.Keys.Order())}.");
        }

        if (content.Length > MaxFileBytes)
        {
            throw new ExtractionException($"{fileName}: {content.Length:N0} bytes is over the limit of {MaxFileBytes:N0} (Memory:MaxFileBytes).");
        }

        if (content.IsEmpty)
        {
            throw new ExtractionException($"{fileName}: the file is empty.");
        }

        try
        {
            return extractor.Extract(content, fileName, cancellationToken);
        }
        catch (ExtractionException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ExtractionException($"{fileName}: cannot be read as {extension} ({e.Message}).", e);
        }
    }
}
