using BriefingBot.Memory.DirectLine;
using BriefingBot.Bot.DirectLine;
using BriefingBot.Memory;
using BriefingBot.Memory.Storage;
using Microsoft.Extensions.AI;

namespace BriefingBot.Bot.Operations;

/// <summary>
/// Ready when the store is open and answers a trivial query, the stores have room to write (the memory file's disk;
/// the Direct Line store takes a rolled-back probe write), and the embedding model turns a text into a vector. The result is reused for <see cref="OperationsOptions.ReadyCacheSeconds"/>; concurrent callers share one check.
/// </summary>
internal sealed class ReadinessCheck(
    BriefingMemory memory, OperationsOptions options, TimeProvider time, ILogger<ReadinessCheck> logger,
    IDirectLineStore? directLine = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReadinessReport? _last;

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_last) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_last) is { } again)
            {
                return again;
            }

            var problems = new List<string>();
            await ProbeAsync("the store", StoreAsync, problems, cancellationToken);
            if (directLine is not null)
            {
                await ProbeAsync("the Direct Line store", directLine.CheckWritableAsync, problems, cancellationToken);
            }

            await ProbeAsync("the embedding model", EmbedderAsync, problems, cancellationToken);
            var report = new ReadinessReport(problems.Count == 0, problems, time.GetUtcNow());
            if (!report.Ready && _last is not { Ready: false })
            {
                logger.LogWarning("Not ready: {Problems}", string.Join("; ", problems));
            }

            _last = report;
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ReadinessReport? Fresh(ReadinessReport? report) =>
        report is not null && time.GetUtcNow() - report.CheckedAt < TimeSpan.FromSeconds(options.ReadyCacheSeconds) ? report : null;

    private async Task ProbeAsync(string part, Func<CancellationToken, Task> probe, List<string> problems, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(options.ReadyCheckTimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await probe(timeout.Token).WaitAsync(limit, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            problems.Add(e switch
            {
                TimeoutException or OperationCanceledException => $"{part} did not answer within {limit.TotalSeconds:0.#} s",
                StoreFullException => $"{part} is not writable ({e.Message})",
                _ => $"{part} is not available ({e.Message})",
            });
        }
    }

    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        await memory.Store.ListDocumentsAsync(MemoryFilter.None, 0, 1, cancellationToken);
        memory.Storage.ThrowIfDiskFull();
    }

    private async Task EmbedderAsync(CancellationToken cancellationToken)
    {
        var embeddings = await memory.Embedder.GenerateAsync(["readiness"], cancellationToken: cancellationToken);
        var vector = embeddings.Count == 1 ? embeddings[0].Vector : ReadOnlyMemory<float>.Empty;
        if (vector.IsEmpty || !vector.Span.ToArray().All(float.IsFinite))
        {
            throw new InvalidOperationException("it produced no usable vector");
        }
    }
}
