namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>
/// Chooses the extractor for a file by its extension and enforces the size limit and, when extracting asynchronously,
/// the time limit: a file whose extraction outlasts it fails alone with an <see cref="ExtractionException"/>.
/// </summary>
public sealed class TextExtraction
{
    private readonly Dictionary<string, ITextExtractor> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    public TextExtraction(IEnumerable<ITextExtractor> extractors, long maxFileBytes, TimeSpan? timeout = null)
    {
        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        }

        MaxFileBytes = maxFileBytes;
        Timeout = timeout;
        foreach (var extractor in extractors)
        {
            foreach (var extension in extractor.Extensions)
            {
                _byExtension[extension] = extractor;
            }
        }
    }

    public long MaxFileBytes { get; }

    /// <summary>How long one file's extraction may take in <see cref="ExtractAsync"/>; null for no limit.</summary>
    public TimeSpan? Timeout { get; }

    public IReadOnlyCollection<string> SupportedExtensions => _byExtension.Keys;

    public bool Supports(string fileName) => _byExtension.ContainsKey(Path.GetExtension(fileName));

    /// <summary>
    /// Extracts on a worker thread within <see cref="Timeout"/>. On timeout the extractor is cancelled through its
    /// token and the file fails with an <see cref="ExtractionException"/>; cancelling the caller's token still cancels.
    /// </summary>
    public async Task<ExtractedText> ExtractAsync(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        if (Timeout is not { } timeout)
        {
            return await Task.Run(() => Extract(content, fileName, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var work = Task.Run(() => Extract(content, fileName, limit.Token), limit.Token);
        try
        {
            // WaitAsync returns at the deadline even when an extractor is slow to notice its token.
            return await work.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await limit.CancelAsync().ConfigureAwait(false);
            _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw new ExtractionException(
                $"{fileName}: reading the file took longer than the limit of {timeout.TotalSeconds:0.#} s (Memory:Ingestion:ExtractionTimeoutSeconds).", e);
        }
    }

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
