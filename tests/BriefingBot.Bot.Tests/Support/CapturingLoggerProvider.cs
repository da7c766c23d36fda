using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>An in-memory logging provider that keeps each log line with the scope values in force when it was written.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            provider._scopes.ForEachScope(
                (value, values) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var pair in pairs)
                        {
                            values[pair.Key] = pair.Value;
                        }
                    }
                    else if (value is IEnumerable<KeyValuePair<string, object>> objects)
                    {
                        foreach (var pair in objects)
                        {
                            values[pair.Key] = pair.Value;
                        }
                    }
                },
                scope);
            provider._entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), scope));
        }
    }
}

/// <summary>One captured log line and its scope values.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, IReadOnlyDictionary<string, object?> Scope);
