using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Wear;

/// <summary>
/// What discharging the car's battery costs in wear, per kWh, from its chemistry, price and use instead of a bare
/// number. The pack is worn out (80 % of its capacity left) after N full-equivalent cycles at depth d:
/// N(d) = <see cref="CycleLifeAtFullDepth"/> × d^−<see cref="DepthExponent"/> (a Wöhler fatigue curve, the kind of
/// depth stress fatigue-based ageing models such as Millner's describe), shortened above 25 °C by the Arrhenius factor
/// exp(Ea/R × (1/298.15 K − 1/T)) with Ea = <see cref="ActivationEnergyJPerMol"/> (Wang et al.'s cycle-life fit of
/// graphite/LFP cells: 31.7 kJ/mol). Over its life the pack delivers N(d) × d × capacity, so each kWh taken out costs
/// price ÷ that. The defaults per chemistry are typical of published cell tests, not of any one car: set the cycle life
/// from the car maker's warranty or a test of the same cells where known. Below 25 °C the model gives no credit (cold
/// charging wears by lithium plating, which it leaves out).
/// </summary>
public sealed record BatteryWear
{
    public const double ActivationEnergyJPerMol = 31_700;
    private const double GasConstant = 8.314;
    private const double ReferenceKelvin = 298.15;

    public BatteryChemistry Chemistry { get; init; } = BatteryChemistry.Nmc;

    /// <summary>What a new pack costs, EUR; 0 leaves wear out of the plan.</summary>
    public double PackPriceEur { get; init; }

    /// <summary>The depth of a typical discharge for the house or the grid, % of capacity.</summary>
    public Percent Depth { get; init; } = new(30);

    /// <summary>The battery's temperature while it works, °C.</summary>
    public double TemperatureC { get; init; } = 25;

    /// <summary>Full cycles to 80 % capacity at 100 % depth and 25 °C; null: the chemistry's default.</summary>
    public double? CycleLife { get; init; }

    /// <summary>Full cycles at 100 % depth, 25 °C: the setting, or LFP 3000, NMC 1500, NCA 1000.</summary>
    public double CycleLifeAtFullDepth => CycleLife ?? Chemistry switch
    {
        BatteryChemistry.Lfp => 3000,
        BatteryChemistry.Nca => 1000,
        _ => 1500,
    };

    /// <summary>How much longer shallow cycles last: LFP 1.1, NMC 1.3, NCA 1.4 (above 1: shallow cycles deliver more
    /// energy over the pack's life than deep ones).</summary>
    public double DepthExponent => Chemistry switch
    {
        BatteryChemistry.Lfp => 1.1,
        BatteryChemistry.Nca => 1.4,
        _ => 1.3,
    };

    /// <summary>Full cycles to 80 % at <see cref="Depth"/> and <see cref="TemperatureC"/>.</summary>
    public double CyclesToEndOfLife
    {
        get
        {
            var depth = Depth.Value / 100;
            var kelvin = TemperatureC + 273.15;
            var heat = kelvin <= ReferenceKelvin ? 1 : Math.Exp(ActivationEnergyJPerMol / GasConstant * (1 / ReferenceKelvin - 1 / kelvin));
            return CycleLifeAtFullDepth * Math.Pow(depth, -DepthExponent) / heat;
        }
    }

    /// <summary>Wear per kWh fed back (grid side) for a pack of <paramref name="capacity"/> discharged at
    /// <paramref name="dischargeEfficiency"/>: each such kWh took 1/η out of the pack.</summary>
    public EnergyPrice PerKwhFedBack(Energy capacity, double dischargeEfficiency)
    {
        if (PackPriceEur <= 0 || capacity.KilowattHours <= 0 || dischargeEfficiency <= 0) return new EnergyPrice(0);
        var lifetimeKwh = CyclesToEndOfLife * Depth.Value / 100 * capacity.KilowattHours;
        return new EnergyPrice(PackPriceEur / lifetimeKwh / dischargeEfficiency);
    }

    /// <summary>Why these settings cannot be used, if any: the property and what to put there.</summary>
    public IEnumerable<(string Property, string Fix)> Problems()
    {
        if (!(PackPriceEur >= 0)) yield return (nameof(PackPriceEur), $"must be 0 or more EUR, not {PackPriceEur}: what a new pack costs (0: no wear cost).");
        if (!(Depth.Value is > 0 and <= 100)) yield return (nameof(Depth), $"must be above 0 and at most 100 %, not {Depth.Value}: a typical discharge's depth.");
        if (!(TemperatureC is >= -30 and <= 60)) yield return (nameof(TemperatureC), $"must be between -30 and 60 °C, not {TemperatureC}.");
        if (CycleLife is { } cycles && !(cycles > 0)) yield return (nameof(CycleLife), $"must be above 0 full cycles, not {cycles} (or empty for the chemistry's default).");
    }
}
