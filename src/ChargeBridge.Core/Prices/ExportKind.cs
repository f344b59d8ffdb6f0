namespace ChargeBridge.Core.Prices;

/// <summary>What energy fed back to the grid earns (<see cref="ExportTariff"/>).</summary>
public enum ExportKind
{
    /// <summary>Net metering: the import price.</summary>
    Net,
    /// <summary>The bare market price, without markup or VAT (day-ahead import only).</summary>
    Market,
    /// <summary>A fixed feed-in price.</summary>
    Fixed,
    /// <summary>The prices of an export rate entity, such as Octopus Outgoing Agile.</summary>
    Entity,
}
