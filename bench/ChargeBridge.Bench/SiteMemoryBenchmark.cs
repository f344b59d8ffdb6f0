using System.Globalization;

namespace ChargeBridge.Bench;

/// <summary>
/// Resident memory of `chargebridge run` with the demo's site: two loadpoints (the Quasar simulator with the
/// bidirectional car, an HA charger twin with the charge-only car, both plugged in) and a Shelly Pro 3EM twin as grid
/// meter, against the HA fake, in real time; the fake and the twins live in this process. Sampled every 100 ms for the
/// given seconds once the garage loadpoint has published its schedule. Baseline in the same run: the same host with
/// one Quasar and no meter (apps-rss's setup), sampled as long. Options: seconds (default 60).
/// </summary>
internal sealed class SiteMemoryBenchmark : IBenchmark
{
    public string Name => "site-rss";

    public async Task RunAsync(string[] args)
    {
        var seconds = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 60);
        var site = await AppsMemoryBenchmark.MeasureAppsAsync(seconds, site: true);
        var single = await AppsMemoryBenchmark.MeasureAppsAsync(seconds);

        Console.WriteLine("| process | samples | median RSS (MB) | max RSS (MB) |");
        Console.WriteLine("|---|---|---|---|");
        AppsMemoryBenchmark.Row("`chargebridge run`, site: two loadpoints (Quasar, ha-entities) and a Shelly grid meter", site);
        AppsMemoryBenchmark.Row("`chargebridge run`, one Quasar and no meter (baseline)", single);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"site: max {site.Max():0.0} MB (target < 100 MB): {(site.Max() < 100 ? "met" : "NOT met")}; ratio max site / max one Quasar: {site.Max() / single.Max():0.00}"));
    }
}
