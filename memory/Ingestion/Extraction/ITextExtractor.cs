namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>Turns the bytes of one file format into readable text.</summary>
public interface ITextExtractor
{
    /// <summary>File extensions handled, lower case with the dot (".html").</summary>
    IReadOnlyCollection<string> Extensions { get; }

    /// <summary>
    /// Extracts the text. Throws <see cref="ExtractionException"/> when the content is corrupt or not of this format.
    /// </summary>
    ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken);
}
