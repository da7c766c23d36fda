namespace BriefingBot.Memory.Storage;

/// <summary>
/// Runs an asynchronous step (a schema migration) once: callers wait for the first run; a run that fails is tried
/// again by the next caller.
/// </summary>
internal sealed class Once(Func<CancellationToken, Task> step)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                await step(cancellationToken).ConfigureAwait(false);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
