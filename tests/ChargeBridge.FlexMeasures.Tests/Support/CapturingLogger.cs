using Microsoft.Extensions.Logging;

namespace ChargeBridge.FlexMeasures.Tests.Support;

/// <summary>Keeps every formatted log line (all levels) so tests can check what would be written.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines) _lines.Add(formatter(state, exception) + (exception is null ? "" : " " + exception));
    }
}
