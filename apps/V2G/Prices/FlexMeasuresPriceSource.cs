using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.FlexMeasures.Client;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// Market prices from a FlexMeasures price sensor (GET sensor data, in EUR/kWh at <see cref="Resolution"/>, from the
/// current hour over <see cref="Window"/>). Day-ahead prices change a few times a day, so the server is asked at most
/// every <see cref="RefreshInterval"/>; when it fails, the prices fetched before are kept. Slots without data are gaps.
/// The prices count as new only when their values changed.
/// </summary>
internal sealed class FlexMeasuresPriceSource(FlexMeasuresClient client, int sensorId, ILogger logger) : IPriceSource
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(15);

    private PriceData? _last;
    private DateTimeOffset? _due;
    private string? _problem;

    public string? Entity => null;

    public async Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (_due is { } due && now < due) return new(_last, _problem);
        _due = now + RefreshInterval;
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        try
        {
            var series = await client.GetSensorDataAsync(sensorId, start, Window, "EUR/kWh", Resolution, ct);
            var prices = new TimeSeries<EnergyPrice>(series.Values
                .Select((v, i) => (Value: v, Start: series.Start + series.Resolution * i))
                .Where(p => p.Value is { } v && double.IsFinite(v))
                .Select(p => new TimePoint<EnergyPrice>(p.Start, new EnergyPrice(p.Value!.Value))), series.Resolution);
            if (prices.Points.Count == 0)
            {
                _problem = $"FlexMeasures sensor {sensorId} has no prices from {start:O}";
                return new(_last, _problem);
            }
            _problem = null;
            if (_last is null || !_last.Prices.Points.SequenceEqual(prices.Points)) _last = new PriceData(prices, now);
        }
        catch (FlexMeasuresException e)
        {
            _problem = $"FlexMeasures prices not read: {e.Message}";
            logger.LogWarning("{Problem}; keeping the prices read before", _problem);
        }
        return new(_last, _last is null ? _problem : null);
    }
}
