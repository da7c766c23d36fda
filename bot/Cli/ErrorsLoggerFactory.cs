using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Cli;

/// <summary>Writes warnings and errors, one line each, to the CLI's error stream; less is not shown.</summary>
internal sealed class ErrorsLoggerFactory(TextWriter errors) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new ErrorsLogger(errors);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ErrorsLogger(TextWriter errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.WriteLine($"{(logLevel >= LogLevel.Error ? "error" : "warning")}: {formatter(state, exception)}");
            }
        }
    }
}
