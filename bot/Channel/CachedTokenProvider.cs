namespace BriefingBot.Bot.Channel;

/// <summary>
/// Keeps one token and reuses it until <see cref="RefreshBefore"/> before it expires; one acquisition at a time, so
/// concurrent turns wait for the same fresh token.
/// </summary>
public sealed class CachedTokenProvider(ITokenAcquirer acquirer, TimeProvider time) : IConnectorTokenProvider
{
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    public async Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var stale = _token;
        if (!forceRefresh && IsFresh(stale))
        {
            return stale!.Value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsFresh(_token) && (!forceRefresh || !ReferenceEquals(_token, stale)))
            {
                return _token!.Value;
            }

            _token = await acquirer.AcquireAsync(cancellationToken);
            return _token.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(AccessToken? token) => token is not null && token.ExpiresOn - time.GetUtcNow() > RefreshBefore;
}
