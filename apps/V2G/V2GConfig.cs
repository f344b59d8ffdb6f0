using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Apps.V2G.Prices;

namespace ChargeBridge.Apps.V2G;

/// <summary>Where the charger, the calendar and the prices are.</summary>
public sealed class V2GConfig
{
    /// <summary>The Wallbox Quasar's Modbus TCP address; required (there is no safe default to guess).</summary>
    public string ChargerHost { get; set; } = "";
    public int ChargerPort { get; set; } = 502;
    /// <summary>Any HA calendar; events give SoC targets and absences.</summary>
    public string CalendarEntity { get; set; } = "calendar.car";
    /// <summary>Where the prices come from: an HA price integration or FlexMeasures.</summary>
    public PricesConfig Prices { get; set; } = new();
    /// <summary>The car integration's SoC entity (%), read instead of the charger's SoC while it holds a valid number (see CarSoc).</summary>
    public string? SocEntity { get; set; }
    /// <summary>Where the statistics file and the FlexMeasures outbox live.</summary>
    public string DataFolder { get; set; } = "data";
    /// <summary>The FlexMeasures account and sensors; leave out to plan locally and contact no server.</summary>
    public FlexMeasuresConfig? FlexMeasures { get; set; }
    /// <summary>The SoC the car still accepts power at (97 % for a Quasar with a Leaf).</summary>
    public double PracticalMaxSoc { get; set; } = 97;
}
