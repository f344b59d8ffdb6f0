using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// Frequency response (docs/backup.md): where the grid frequency is read, the thresholds and trigger time, the power,
/// the longest event, and the limits that keep a bad sensor from draining the car.
/// </summary>
public sealed class FrequencyConfig
{
    /// <summary>Whether frequency response runs.</summary>
    public bool Enabled { get; set; }
    /// <summary>A sensor in Hz; empty: the site's grid meter's own reading (a Shelly Pro 3EM or Pro EM reports it).</summary>
    public string? Entity { get; set; }
    public double UnderHz { get; set; } = 49.8;
    public double OverHz { get; set; } = 50.2;
    public double TriggerSeconds { get; set; } = 2;
    public double DischargeW { get; set; } = 3000;
    public double ChargeW { get; set; } = 3000;
    public bool ChargeOnOverFrequency { get; set; } = true;
    public double MaxDurationMinutes { get; set; } = 5;
    /// <summary>An under-frequency event discharges only above this SoC (%).</summary>
    public double MinSoc { get; set; } = 50;
    public double MinGapMinutes { get; set; } = 15;
    public int MaxEventsPerDay { get; set; } = 4;
    public double MaxKwhPerDay { get; set; } = 5;

    public FrequencyResponseSettings Settings() => new()
    {
        UnderHz = UnderHz,
        OverHz = OverHz,
        TriggerAfter = TimeSpan.FromSeconds(TriggerSeconds),
        DischargePower = Power.FromWatts(DischargeW),
        ChargePower = Power.FromWatts(ChargeW),
        ChargeOnOverFrequency = ChargeOnOverFrequency,
        MaxDuration = TimeSpan.FromMinutes(MaxDurationMinutes),
        MinSocToDischarge = new Percent(MinSoc),
        MinGap = TimeSpan.FromMinutes(MinGapMinutes),
        MaxEventsPerDay = MaxEventsPerDay,
        MaxEnergyPerDay = Energy.FromKilowattHours(MaxKwhPerDay),
    };

    public IEnumerable<ConfigProblem> Validate()
    {
        if (!string.IsNullOrWhiteSpace(Entity) && !EntityIds.Valid(Entity))
            yield return new(nameof(Entity), $"'{Entity}' is not an entity id: put the grid frequency sensor (Hz) here, or leave it empty for the grid meter's.");
        if (UnderHz is < 45 or >= 50 || double.IsNaN(UnderHz))
            yield return new(nameof(UnderHz), $"must be from 45 to below 50 Hz, not {UnderHz}.");
        if (OverHz is <= 50 or > 55 || double.IsNaN(OverHz))
            yield return new(nameof(OverHz), $"must be from above 50 to 55 Hz, not {OverHz}.");
        if (TriggerSeconds is < 0 or > 600 || double.IsNaN(TriggerSeconds))
            yield return new(nameof(TriggerSeconds), $"must be between 0 and 600 s, not {TriggerSeconds}.");
        if (DischargeW is < 0 || double.IsNaN(DischargeW)) yield return new(nameof(DischargeW), $"must be 0 W or more, not {DischargeW}.");
        if (ChargeW is < 0 || double.IsNaN(ChargeW)) yield return new(nameof(ChargeW), $"must be 0 W or more, not {ChargeW}.");
        if (MaxDurationMinutes is <= 0 or > 120 || double.IsNaN(MaxDurationMinutes))
            yield return new(nameof(MaxDurationMinutes), $"must be above 0 and at most 120 min, not {MaxDurationMinutes}.");
        if (MinSoc is < 0 or > 100 || double.IsNaN(MinSoc)) yield return new(nameof(MinSoc), $"must be between 0 and 100 %, not {MinSoc}.");
        if (MinGapMinutes is < 0 || double.IsNaN(MinGapMinutes)) yield return new(nameof(MinGapMinutes), $"must be 0 min or more, not {MinGapMinutes}.");
        if (MaxEventsPerDay is < 1 or > 100) yield return new(nameof(MaxEventsPerDay), $"must be between 1 and 100, not {MaxEventsPerDay}.");
        if (MaxKwhPerDay is <= 0 || double.IsNaN(MaxKwhPerDay)) yield return new(nameof(MaxKwhPerDay), $"must be above 0 kWh, not {MaxKwhPerDay}.");
    }
}
