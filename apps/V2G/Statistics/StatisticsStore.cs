using System.Text.Json;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Statistics;

/// <summary>
/// Keeps the statistics in a JSON file in the data folder. A save writes a new file and renames it over the old one,
/// which stays as the backup, so a crash mid-write leaves a whole file. A file that cannot be read falls back to the
/// backup, then to zero, with a warning; it never stops the app.
/// </summary>
internal sealed class StatisticsStore(string dataFolder, ILogger logger)
{
    public const string FileName = "v2g-statistics.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path => System.IO.Path.Combine(dataFolder, FileName);
    private string Backup => Path + ".bak";

    public StatisticsState Load()
    {
        foreach (var file in new[] { Path, Backup })
        {
            if (!File.Exists(file)) continue;
            try
            {
                var state = JsonSerializer.Deserialize<StatisticsState>(File.ReadAllText(file), Json);
                if (state is { IsValid: true }) return state;
                logger.LogWarning("Statistics file {File} holds impossible totals; not used", file);
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException or UnauthorizedAccessException)
            {
                logger.LogWarning("Statistics file {File} cannot be read ({Reason}); not used", file, e.Message);
            }
        }
        if (File.Exists(Path) || File.Exists(Backup)) logger.LogWarning("Statistics start from zero: no readable statistics file is left");
        return StatisticsState.Empty;
    }

    public void Save(StatisticsState state)
    {
        Directory.CreateDirectory(dataFolder);
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, Json);
            stream.Flush(flushToDisk: true);
        }
        if (File.Exists(Path)) File.Replace(temporary, Path, Backup);
        else File.Move(temporary, Path);
    }
}
