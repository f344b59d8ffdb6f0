using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Tests;

/// <summary>Keeps every log message, as a formatted line (with exception text) and as its level and structured fields,
/// so tests can read what was logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    /// <summary>One message: <see cref="Fields"/> are its template's named values ("{EntityId}" → the id).</summary>
    public sealed record Entry(LogLevel Level, string Category, string Line, IReadOnlyDictionary<string, object?> Fields);

    public IReadOnlyList<Entry> Entries => [.. _entries];
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.Line)];
    public string AllText => string.Join("\n", Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public ILogger<T> For<T>() => new LoggerFactory([this]).CreateLogger<T>();

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, value) in pairs) fields[key] = value;
            owner._entries.Enqueue(new(logLevel, category,
                $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}", fields));
        }
    }
}
