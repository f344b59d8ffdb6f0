using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G;

/// <summary>Home power control: how often it follows the meters, the house battery's SoC, and the grid limit's margin.</summary>
public sealed class HomePowerConfig
{
    /// <summary>Seconds between two control steps (a meter read each): 1–10. The grid meter must answer at least this often.</summary>
    public double PaceSeconds { get; set; } = 5;
    /// <summary>The house battery's SoC sensor (%); empty: unknown, so the battery's charging never counts as surplus.</summary>
    public string? BatterySocEntity { get; set; }
    /// <summary>W kept free below the import limit (and above the export limit) for the house changing between two reads.</summary>
    public double GridLimitMarginW { get; set; } = 300;

    public TimeSpan Pace => TimeSpan.FromSeconds(PaceSeconds);

    public IEnumerable<ConfigProblem> Validate()
    {
        if (PaceSeconds is < 1 or > 10 || double.IsNaN(PaceSeconds))
            yield return new(nameof(PaceSeconds), $"must be between 1 and 10 s, not {PaceSeconds}: how often the grid meter is read and followed (5 suits a Shelly).");
        if (!string.IsNullOrEmpty(BatterySocEntity) && !EntityIds.Valid(BatterySocEntity))
            yield return new(nameof(BatterySocEntity), $"'{BatterySocEntity}' is not an entity id: put the house battery's SoC sensor here, or leave it empty.");
        if (GridLimitMarginW is < 0 || double.IsNaN(GridLimitMarginW))
            yield return new(nameof(GridLimitMarginW), $"must be 0 W or more, not {GridLimitMarginW}.");
    }
}
