using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BriefingBot.Memory.Telemetry;

namespace BriefingBot.Memory.Tests.Telemetry;

/// <summary>
/// Listens to BriefingBot's meter and activity source and keeps only what this test's own async flow records, so
/// tests running in parallel do not count each other's measurements.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private static readonly AsyncLocal<TelemetryRecorder?> Current = new();

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _spans = new();

    public TelemetryRecorder()
    {
        Current.Value = this;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BriefingTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BriefingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Current.Value == this)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public IReadOnlyList<RecordedMeasurement> Measurements => [.. _measurements];

    public IReadOnlyList<Activity> Spans => [.. _spans];

    public IReadOnlyList<RecordedMeasurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument).ToList();

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Current.Value == this)
        {
            _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }
    }
}

/// <summary>One measurement with its tags.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
