namespace ChargeBridge.Host.Report;

/// <summary>A stretch of the report's day marked on the chart with <see cref="Title"/>, and <see cref="Text"/> saying
/// what happened in it (the figures), shown under the chart.</summary>
internal sealed record ReportHighlight(DateTimeOffset Start, DateTimeOffset End, string Title, string Text);
