using System.Collections.Concurrent;
using System.Diagnostics;

namespace BriefingBot.Evaluation.Load;

/// <summary>Every timed request of a load run (operation, when it ended, how long it took) and every failure, from many users at once.</summary>
internal sealed class LoadRecorder
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentBag<(string Operation, double EndSeconds, double Milliseconds)> _samples = [];
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentDictionary<string, string> _firstError = new();

    public double Now => _clock.Elapsed.TotalSeconds;

    public async Task<T> TimeAsync<T>(string operation, Func<Task<T>> request)
    {
        var start = _clock.Elapsed;
        try
        {
            var result = await request().ConfigureAwait(false);
            _samples.Add((operation, _clock.Elapsed.TotalSeconds, (_clock.Elapsed - start).TotalMilliseconds));
            return result;
        }
        catch (Exception e) when (e is LoadFailure or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            Fail(operation, e.Message);
            throw new LoadFailure(e.Message);
        }
    }

    public void Record(string operation, double milliseconds) => _samples.Add((operation, Now, milliseconds));

    public void Fail(string operation, string message)
    {
        _errors.AddOrUpdate(operation, 1, (_, n) => n + 1);
        _firstError.TryAdd(operation, message);
    }

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public IReadOnlyDictionary<string, string> FirstErrors => _firstError;

    public List<double> Latencies(string operation, double fromSeconds = 0, double toSeconds = double.MaxValue) =>
        _samples.Where(s => s.Operation == operation && s.EndSeconds >= fromSeconds && s.EndSeconds < toSeconds).Select(s => s.Milliseconds).ToList();
}
