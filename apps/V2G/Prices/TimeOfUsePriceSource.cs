using ChargeBridge.Core.Prices;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>
/// Import prices from fixed time-of-use windows, with no price entity: from the local midnight of today for
/// <see cref="Window"/>, so a plan always sees at least a day ahead. They count as new once a day, at local midnight,
/// like day-ahead prices arriving.
/// </summary>
internal sealed class TimeOfUsePriceSource(TimeOfUseTariff tariff, TimeZoneInfo zone, ExportPrices export) : IPriceSource
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    public string? Entity => export.Entity;

    public async Task<PriceRead> ReadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date;
        var from = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        var import = new PriceData(tariff.Prices(from, from + Window, zone), from);
        return new(await export.AddAsync(import, null, now, ct), null);
    }
}
