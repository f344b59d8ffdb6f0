using System.Globalization;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary>
/// Reads the jeroen.nl day-ahead export (`datum_nl;datum_utc;prijs_excl_belastingen`, quoted times, decimal comma,
/// EUR/kWh, hourly) by its UTC column. A missing hour (the file lacks one on 27 Oct 2024) takes the price of the
/// hour before, so a plan is never cut short by the gap.
/// </summary>
public static class SimulatePriceCsv
{
    public static TimeSeries<EnergyPrice> Read(TextReader reader, string name)
    {
        var header = reader.ReadLine() ?? throw new FormatException($"{name}: empty file");
        var columns = header.Split(';').Select(c => c.Trim().Trim('"')).ToList();
        var utc = columns.IndexOf("datum_utc");
        var price = columns.IndexOf("prijs_excl_belastingen");
        if (utc < 0 || price < 0) throw new FormatException($"{name}: expected columns datum_utc and prijs_excl_belastingen");
        var hour = TimeSpan.FromHours(1);
        var points = new List<TimePoint<EnergyPrice>>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(';');
            if (f.Length <= Math.Max(utc, price)
                || !DateTime.TryParseExact(f[utc].Trim('"'), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                || !double.TryParse(f[price].Trim('"').Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var eur))
                throw new FormatException($"{name} line {lineNumber}: cannot read '{line}'");
            var start = new DateTimeOffset(at, TimeSpan.Zero);
            while (points.Count > 0 && start - points[^1].Start > hour)
                points.Add(points[^1] with { Start = points[^1].Start + hour });
            points.Add(new TimePoint<EnergyPrice>(start, new EnergyPrice(eur)));
        }
        return new TimeSeries<EnergyPrice>(points, hour);
    }
}
