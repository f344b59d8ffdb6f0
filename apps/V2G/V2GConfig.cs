using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Apps.V2G.Prices;

namespace ChargeBridge.Apps.V2G;

/// <summary>Where the charger, the calendar and the prices are, and whom to notify.</summary>
public sealed class V2GConfig : IValidatableConfig
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
    /// <summary>Notify services of the phones to tell (e.g. mobile_app_pixel_8 for notify.mobile_app_pixel_8); empty: alerts show on the dashboard only.</summary>
    public List<string> NotifyTargets { get; set; } = [];

    public IEnumerable<ConfigProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(ChargerHost))
            yield return new(nameof(ChargerHost), "is empty: put the Wallbox Quasar's IP address here (Modbus TCP enabled in the Wallbox app).");
        if (ChargerPort is < 1 or > 65535)
            yield return new(nameof(ChargerPort), $"must be between 1 and 65535, not {ChargerPort}: the Quasar serves Modbus TCP on 502.");
        if (!EntityIds.Valid(CalendarEntity, "calendar"))
            yield return new(nameof(CalendarEntity), $"'{CalendarEntity}' is not a calendar: put the entity id of an HA calendar here, such as calendar.car.");
        if (!string.IsNullOrEmpty(SocEntity) && !EntityIds.Valid(SocEntity))
            yield return new(nameof(SocEntity), $"'{SocEntity}' is not an entity id: put the car integration's SoC sensor here, or leave it empty to use the charger's SoC.");
        if (string.IsNullOrWhiteSpace(DataFolder))
            yield return new(nameof(DataFolder), "is empty: put a folder ChargeBridge may write its statistics and outbox to, such as data.");
        foreach (var target in NotifyTargets.Where(t => !EntityIds.Valid(t.StartsWith("notify.", StringComparison.Ordinal) ? t : "notify." + t)))
            yield return new(nameof(NotifyTargets), $"holds '{target}', which is not a notify service: put names like mobile_app_pixel_8.");
        foreach (var problem in Prices.Validate(FlexMeasures is not null)) yield return problem.Under(nameof(Prices));
        foreach (var problem in FlexMeasures?.Validate() ?? []) yield return problem.Under(nameof(FlexMeasures));
        if (PracticalMaxSoc is < 50 or > 100)
            yield return new(nameof(PracticalMaxSoc), $"must be between 50 and 100 %, not {PracticalMaxSoc}: the SoC the car still accepts power at (97 for a Nissan Leaf).");
    }
}
