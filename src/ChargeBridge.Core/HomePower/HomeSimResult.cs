using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// What one <see cref="HomeSimRun"/> did. Grid energies are netted per control step (a meter's 1–10 s reading);
/// charging and discharging are AC energies at the charger.
/// </summary>
public sealed record HomeSimResult
{
    public required TimeSpan Duration { get; init; }
    public required Energy House { get; init; }
    public required Energy Pv { get; init; }
    public required Energy GridImport { get; init; }
    public required Energy GridExport { get; init; }

    /// <summary>All energy into the car, and the part of it that would otherwise have been exported (PV surplus).</summary>
    public required Energy Charged { get; init; }
    public required Energy ChargedFromSurplus { get; init; }

    /// <summary>The part of <see cref="Charged"/> drawn from the grid.</summary>
    public required Energy ChargedFromGrid { get; init; }

    /// <summary>All energy out of the car, and the part of it that served the house instead of grid import (V2H).</summary>
    public required Energy Discharged { get; init; }
    public required Energy VehicleToHome { get; init; }

    public required int Commands { get; init; }
    public required int Starts { get; init; }
    public required int Stops { get; init; }

    /// <summary>Commands sent in each hour from the start (the last entry may cover a part hour).</summary>
    public required IReadOnlyList<int> CommandsByHour { get; init; }

    public double CommandsPerHour => Commands / Duration.TotalHours;
    public int MaxCommandsInAnHour => CommandsByHour.Count == 0 ? 0 : CommandsByHour.Max();
}
