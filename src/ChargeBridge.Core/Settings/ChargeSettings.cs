using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Settings;

/// <summary>
/// The car and charger settings a plan depends on, with the defaults and ranges users know from V2G controllers.
/// Discharge power is a magnitude (positive watts); 0 means the charger cannot discharge.
/// </summary>
public sealed record ChargeSettings
{
    public Energy Capacity { get; init; } = Energy.FromKilowattHours(62);
    public Percent MinSoc { get; init; } = new(20);
    public Percent MaxSoc { get; init; } = new(80);
    public TimeSpan AllowedTimeAboveMax { get; init; } = TimeSpan.FromHours(4);
    public Percent RoundTripEfficiency { get; init; } = new(85);
    public Power MaxChargePower { get; init; } = Power.FromWatts(7400);
    public Power MaxDischargePower { get; init; } = Power.FromWatts(7400);
    public double ConsumptionWhPerKm { get; init; } = 175;

    /// <summary>The round trip split evenly: charging and discharging each lose √RTE.</summary>
    public double ChargeEfficiency => Math.Sqrt(RoundTripEfficiency.Value / 100);

    public double DischargeEfficiency => Math.Sqrt(RoundTripEfficiency.Value / 100);

    /// <summary>Every setting outside its range, each naming the setting; empty when all are valid. Power limits lie
    /// between the charger's minimum (<see cref="MinimumChargerPower"/> when not given) and its maximum.</summary>
    public IReadOnlyList<SettingError> Validate(Power chargerMax, Power? chargerMin = null)
    {
        var min = (chargerMin ?? MinimumChargerPower).Watts;
        var errors = new List<SettingError>();
        void Check(string name, double value, double min, double max, string unit)
        {
            if (!double.IsFinite(value) || value < min || value > max)
                errors.Add(new SettingError(name, $"{name} must be between {min} and {max} {unit}, got {value} {unit}"));
        }
        Check("min_soc", MinSoc.Value, 10, 55, "%");
        Check("max_soc", MaxSoc.Value, 60, 95, "%");
        Check("allowed_time_above_max", AllowedTimeAboveMax.TotalHours, 1, 12, "h");
        Check("capacity", Capacity.KilowattHours, 10, 200, "kWh");
        Check("consumption", ConsumptionWhPerKm, 100, 400, "Wh/km");
        Check("round_trip_efficiency", RoundTripEfficiency.Value, 50, 100, "%");
        Check("max_charge_power", MaxChargePower.Watts, min, chargerMax.Watts, "W");
        // 0 W is a charger that cannot discharge.
        if (MaxDischargePower != Power.Zero)
            Check("max_discharge_power", MaxDischargePower.Watts, min, chargerMax.Watts, "W");
        return errors;
    }

    /// <summary>These settings within what the charger can do: no power above its own, and no discharge at all on a
    /// charger that cannot (a plan must never ask a charge-only charger to discharge).</summary>
    public ChargeSettings Within(ChargerCapabilities charger) => this with
    {
        MaxChargePower = MaxChargePower < charger.MaxChargePower ? MaxChargePower : charger.MaxChargePower,
        MaxDischargePower = !charger.Bidirectional ? Power.Zero
            : MaxDischargePower < charger.MaxDischargePower ? MaxDischargePower : charger.MaxDischargePower,
    };

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting by name.</summary>
    public ChargeSettings EnsureValid(Power chargerMax)
    {
        var errors = Validate(chargerMax);
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(e => e.Message)));
        return this;
    }

    /// <summary>6 A on one 230 V phase: the lowest current IEC 61851 chargers can hold (the default minimum).</summary>
    public static readonly Power MinimumChargerPower = ChargerCapabilities.SinglePhaseMinimum;
}

/// <summary>One invalid setting: its name as users see it and what is wrong.</summary>
public sealed record SettingError(string Setting, string Message);
