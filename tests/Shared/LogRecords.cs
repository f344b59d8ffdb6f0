using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Tests;

/// <summary>Reads FakeLogger's records by their message template's named values, so tests check what was logged,
/// not how the line reads.</summary>
internal static class LogRecords
{
    /// <summary>Whether the record's template names <paramref name="field"/> ("{EntityId}").</summary>
    public static bool Has(this FakeLogRecord record, string field) => record.StructuredState?.Any(p => p.Key == field) == true;

    /// <summary>The records whose template names <paramref name="field"/>.</summary>
    public static IReadOnlyList<FakeLogRecord> WithField(this FakeLogCollector logs, string field) => [.. logs.GetSnapshot().Where(r => r.Has(field))];

    /// <summary>Every record as text, exceptions included: only for checks that a secret appears nowhere, and for failure messages.</summary>
    public static string AllText(this FakeLogCollector logs) =>
        string.Join("\n", logs.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message}{(r.Exception is null ? "" : " | " + r.Exception)}"));
}
