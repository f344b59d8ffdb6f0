using ChargeBridge.Core.Statistics;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Statistics;

/// <summary>
/// Keeps the statistics in a JSON file in the data folder (<see cref="JsonStateFile{T}"/>: written whole, the previous
/// file kept as the backup). A file that cannot be read falls back to the backup, then to zero, with a warning; it
/// never stops the app.
/// </summary>
internal sealed class StatisticsStore(string dataFolder, ILogger logger)
{
    public const string FileName = "v2g-statistics.json";
    private readonly JsonStateFile<StatisticsState> _file = new(dataFolder, FileName, "Statistics", "the statistics start from zero", s => s.IsValid, logger);

    public string Path => _file.Path;

    public StatisticsState Load() => _file.Load() ?? StatisticsState.Empty;

    public void Save(StatisticsState state) => _file.Save(state);
}
