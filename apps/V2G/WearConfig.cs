using ChargeBridge.Core.Units;
using ChargeBridge.Core.Wear;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G;

/// <summary>The car battery's wear settings (docs/planning.md, "Battery wear"): without a pack price, wear stays out of the plan.</summary>
public sealed class WearConfig
{
    /// <summary>lfp, nmc or nca.</summary>
    public string Chemistry { get; set; } = "nmc";
    /// <summary>What a new pack costs, EUR; 0: no wear cost.</summary>
    public double PackPriceEur { get; set; }
    /// <summary>Depth of a typical discharge for the house or the grid, % of capacity.</summary>
    public double DepthPercent { get; set; } = 30;
    /// <summary>The battery's temperature while it works, °C.</summary>
    public double TemperatureC { get; set; } = 25;
    /// <summary>Full cycles to 80 % capacity at full depth and 25 °C (from the warranty or a cell test); empty: the chemistry's default.</summary>
    public double? CycleLife { get; set; }

    public BatteryWear ToWear() => new()
    {
        Chemistry = Enum.TryParse<BatteryChemistry>(Chemistry, ignoreCase: true, out var chemistry) ? chemistry : BatteryChemistry.Nmc,
        PackPriceEur = PackPriceEur,
        Depth = new Percent(DepthPercent),
        TemperatureC = TemperatureC,
        CycleLife = CycleLife,
    };

    public IEnumerable<ConfigProblem> Validate()
    {
        if (!Enum.TryParse<BatteryChemistry>(Chemistry, ignoreCase: true, out _) || int.TryParse(Chemistry, out _))
            yield return new(nameof(Chemistry), $"'{Chemistry}' is not a battery chemistry: lfp, nmc or nca.");
        foreach (var (property, fix) in ToWear().Problems())
            yield return new(property == nameof(BatteryWear.Depth) ? nameof(DepthPercent) : property, fix);
    }
}
