using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host;

/// <summary>
/// `plan`: one schedule from a price CSV and the car's state, written as JSON to stdout
/// (power_w + = charging, soc_pct = SoC at the end of the slot, cost_eur = Σ buy × drawn − Σ sell × fed back). Where
/// the CSV gives the house's load or PV (house_w, pv_w), the car is planned against the site: each slot also has grid_w,
/// the site's mean net grid power (+ = import), cost_eur is the car's part of the site's grid cost and site_cost_eur the
/// site's whole.
/// </summary>
public sealed class PlanVerb : IVerb
{
    private static readonly Dictionary<string, string> OptionOfSetting = new()
    {
        ["min_soc"] = "--min-soc",
        ["max_soc"] = "--max-soc",
        ["capacity"] = "--capacity-kwh",
        ["round_trip_efficiency"] = "--efficiency",
        ["max_charge_power"] = "--max-charge-w",
        ["max_discharge_power"] = "--max-discharge-w",
        ["allowed_time_above_max"] = "--hours-above-max",
    };

    public Command Create()
    {
        var defaults = new ChargeSettings();
        var prices = new Option<FileInfo>("--prices") { Description = "CSV with columns start (ISO 8601 with offset), price and optional sell_price (EUR/kWh), house_w and pv_w (mean W over the row)", Required = true };
        var start = new Option<DateTimeOffset>("--start") { Description = "plan start, ISO 8601 with offset", Required = true };
        var hours = new Option<double>("--hours") { Description = "horizon in hours", DefaultValueFactory = _ => 27 };
        var soc = new Option<double>("--soc") { Description = "SoC now (%)", Required = true };
        var capacity = new Option<double>("--capacity-kwh") { Description = "battery capacity (kWh)", DefaultValueFactory = _ => defaults.Capacity.KilowattHours };
        var maxCharge = new Option<double>("--max-charge-w") { Description = "max charge power (W)", DefaultValueFactory = _ => defaults.MaxChargePower.Watts };
        var maxDischarge = new Option<double>("--max-discharge-w") { Description = "max discharge power (W); 0 = no discharging", DefaultValueFactory = _ => defaults.MaxDischargePower.Watts };
        var minSoc = new Option<double>("--min-soc") { Description = "min SoC, hard floor (%)", DefaultValueFactory = _ => defaults.MinSoc.Value };
        var maxSoc = new Option<double>("--max-soc") { Description = "max SoC, soft ceiling (%)", DefaultValueFactory = _ => defaults.MaxSoc.Value };
        var aboveMax = new Option<double>("--hours-above-max") { Description = "allowed time above max SoC after plug-in (h)", DefaultValueFactory = _ => defaults.AllowedTimeAboveMax.TotalHours };
        var efficiency = new Option<double>("--efficiency") { Description = "round-trip efficiency, % or fraction (85 or 0.85)", DefaultValueFactory = _ => defaults.RoundTripEfficiency.Value };
        var degradation = new Option<double>("--degradation-eur-per-kwh") { Description = "wear cost per kWh discharged (EUR/kWh)", DefaultValueFactory = _ => 0 };
        var target = new Option<string[]>("--target") { Description = "PCT@TIME, SoC wanted at an event start (repeatable)", AllowMultipleArgumentsPerToken = false };
        var planner = new Option<string>("--planner") { Description = "local (optimiser), cheapest or naive", DefaultValueFactory = _ => "local" };
        planner.AcceptOnlyFromAmong("local", "cheapest", "naive");

        var command = new Command("plan", "Plan charging and discharging from a price CSV; writes the schedule as JSON")
        {
            prices, start, hours, soc, capacity, maxCharge, maxDischarge, minSoc, maxSoc, aboveMax, efficiency, degradation, target, planner,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var rte = parse.GetValue(efficiency);
                var settings = new ChargeSettings
                {
                    Capacity = Energy.FromKilowattHours(parse.GetValue(capacity)),
                    MaxChargePower = Power.FromWatts(parse.GetValue(maxCharge)),
                    MaxDischargePower = Power.FromWatts(parse.GetValue(maxDischarge)),
                    MinSoc = new Percent(parse.GetValue(minSoc)),
                    MaxSoc = new Percent(parse.GetValue(maxSoc)),
                    AllowedTimeAboveMax = TimeSpan.FromHours(parse.GetValue(aboveMax)),
                    RoundTripEfficiency = new Percent(rte <= 1 ? rte * 100 : rte),
                };
                var invalid = settings.Validate(Power.FromWatts(Math.Max(settings.MaxChargePower.Watts, settings.MaxDischargePower.Watts)));
                if (invalid.Count > 0)
                {
                    foreach (var e in invalid) await error.WriteLineAsync($"invalid {OptionOfSetting.GetValueOrDefault(e.Setting, e.Setting)}: {e.Message}");
                    return 2;
                }
                var socNow = parse.GetValue(soc);
                if (!(socNow is >= 0 and <= 100)) throw new FormatException($"--soc must be between 0 and 100 %, got {socNow}");
                var horizon = parse.GetValue(hours);
                if (!(horizon > 0 && horizon <= 24 * 14)) throw new FormatException($"--hours must be between 0 and 336, got {horizon}");
                var file = parse.GetValue(prices)!;
                PlanPrices read;
                using (var reader = file.OpenText()) read = PlanPriceCsv.Read(reader, file.Name);
                var startAt = parse.GetValue(start);
                var request = new PlanRequest
                {
                    Start = startAt,
                    Horizon = TimeSpan.FromHours(horizon),
                    Soc = new Percent(socNow),
                    Settings = settings,
                    Targets = (parse.GetValue(target) ?? []).Select(ParseTarget).ToList(),
                    BuyPrices = read.Buy,
                    SellPrices = read.Sell,
                    DegradationCost = new EnergyPrice(parse.GetValue(degradation)),
                    Site = read.House is null && read.Pv is null ? null : new SiteForecast { HouseLoad = read.House, PvPower = read.Pv },
                };
                IPlanner chosen = parse.GetValue(planner) switch
                {
                    "naive" => new NaivePlanner(),
                    "cheapest" => new CheapestSlotsPlanner(),
                    _ => new LocalPlanner(),
                };
                var schedule = await chosen.PlanAsync(request, ct);
                // A plan with no priced slot is the trips-only fallback, for the app; here it is a file that misses the start.
                if (schedule.Slots.Count == 0 || schedule.UnpricedFrom == request.Start)
                    throw new FormatException($"{file.Name} has no price at the start {startAt:O}");
                await output.WriteLineAsync(JsonSerializer.Serialize(PlanJson.From(schedule, startAt.Offset), PlanJson.Options));
                foreach (var gap in schedule.PriceGapsBridged)
                    await error.WriteLineAsync($"no price {gap.Start:O} to {gap.End:O}: bridged with the highest price around it (the lowest for selling)");
                if (schedule.UnpricedFrom is { } unpriced)
                    await error.WriteLineAsync($"no price from {unpriced:O}: planned for the targets alone up to {schedule.End:O}, charging as late as safely possible");
                foreach (var missed in schedule.Targets.Where(t => !t.Met))
                    await error.WriteLineAsync($"target {missed.Target.Soc} at {missed.Target.At:O} cannot be met: expected {missed.ExpectedSoc}, short by {missed.Shortfall}");
                return 0;
            }
            catch (Exception e) when (e is FormatException or IOException or ArgumentException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>"80@2024-06-01T07:00:00+02:00" → 80 % at that time.</summary>
    private static SocTarget ParseTarget(string text)
    {
        var at = text.IndexOf('@');
        if (at <= 0
            || !double.TryParse(text[..at].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var pct)
            || !(pct is >= 0 and <= 100)
            || !DateTimeOffset.TryParse(text[(at + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            throw new FormatException($"--target '{text}' is not PCT@TIME, e.g. 80@2024-06-01T07:00:00+02:00");
        return new SocTarget(time, new Percent(pct));
    }
}

/// <summary>The JSON shape of `plan`'s output.</summary>
internal sealed record PlanJson(
    [property: JsonPropertyName("slots")] IReadOnlyList<PlanJson.Slot> Slots,
    [property: JsonPropertyName("cost_eur")] double CostEur,
    [property: JsonPropertyName("targets_met")] bool TargetsMet)
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The site's whole grid cost, house and car (EUR); only when planned against a site.</summary>
    [JsonPropertyName("site_cost_eur")]
    public double? SiteCostEur { get; init; }

    internal sealed record Slot(
        [property: JsonPropertyName("start")] DateTimeOffset Start,
        [property: JsonPropertyName("power_w")] double PowerW,
        [property: JsonPropertyName("soc_pct")] double SocPct)
    {
        /// <summary>The site's mean net grid power over the slot (+ = import); only when planned against a site.</summary>
        [JsonPropertyName("grid_w")]
        public double? GridW { get; init; }
    }

    public static PlanJson From(Schedule schedule, TimeSpan offset) => new(
        schedule.Slots.Select(s => new Slot(s.Start.ToOffset(offset), Math.Round(s.SetPoint.Watts, 1), Math.Round(s.SocAtEnd.Value, 3))
        {
            GridW = s.GridImport is { } import && s.GridExport is { } export ? Math.Round((import - export).Per(s.Length).Watts, 1) : null,
        }).ToList(),
        Math.Round(schedule.ExpectedCostEur, 6),
        schedule.TargetsMet)
    {
        SiteCostEur = schedule.SiteExpectedCostEur is { } site ? Math.Round(site, 6) : null,
    };
}
