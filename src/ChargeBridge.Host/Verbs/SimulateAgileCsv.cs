using System.Globalization;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary>
/// Reads Octopus Agile import rates as energy-stats.uk publishes them (`timestamp,price`: UTC half hours, p/kWh
/// including 5 % VAT) into £/kWh, with an Outgoing-style export price beside them: the wholesale price recovered from
/// each import rate by inverting Agile's published formula (rate = (2.2 × wholesale + 12 p from 16:00 to 19:00 UK
/// time) × 1.05; region J's factor), paid as it is for energy fed back. Octopus's own Outgoing rates are not in the
/// data, so this is an assumption, stated wherever its results are shown.
/// </summary>
public static class SimulateAgileCsv
{
    public const string Header = "timestamp,price";
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private const double Factor = 2.2, PeakAdder = 12, Vat = 1.05;

    public static (TimeSeries<EnergyPrice> Buy, TimeSeries<EnergyPrice> Sell) Read(TextReader reader, string name)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Trim();
        if (header != Header) throw new FormatException($"{name}: expected the header '{Header}'");
        var buy = new List<TimePoint<EnergyPrice>>();
        var sell = new List<TimePoint<EnergyPrice>>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(',');
            if (f.Length != 2
                || !DateTimeOffset.TryParse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !PlanPriceCsv.HasOffset(f[0])
                || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pence) || !double.IsFinite(pence))
                throw new FormatException($"{name} line {lineNumber}: cannot read '{line}' (expected an ISO time with offset and p/kWh)");
            var local = TimeZoneInfo.ConvertTime(at, London);
            var wholesale = (pence / Vat - (local.Hour is >= 16 and < 19 ? PeakAdder : 0)) / Factor;
            buy.Add(new(at, new EnergyPrice(pence / 100)));
            sell.Add(new(at, new EnergyPrice(wholesale / 100)));
        }
        if (buy.Count == 0) throw new FormatException($"{name}: no rates");
        var half = TimeSpan.FromMinutes(30);
        return (new TimeSeries<EnergyPrice>(buy, half), new TimeSeries<EnergyPrice>(sell, half));
    }
}
