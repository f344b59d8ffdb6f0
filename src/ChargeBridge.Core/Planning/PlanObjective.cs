namespace ChargeBridge.Core.Planning;

/// <summary>What a plan minimises.</summary>
public enum PlanObjective
{
    /// <summary>Net cost: buy price × energy drawn − sell price × energy fed back (+ degradation cost).</summary>
    Cost,

    /// <summary>Net emissions: carbon intensity × energy drawn − carbon intensity × energy fed back.</summary>
    Emissions,
}
