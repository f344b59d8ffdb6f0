using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G;

/// <summary>Where the charger, the calendar and the prices are, and whom to notify.</summary>
public sealed class V2GConfig : IValidatableConfig
{
    /// <summary>The Wallbox Quasar's Modbus TCP address; required (there is no safe default to guess).</summary>
    public string ChargerHost { get; set; } = "";
    public int ChargerPort { get; set; } = 502;
    /// <summary>Any HA calendar; events give SoC targets and absences.</summary>
    public string CalendarEntity { get; set; } = "calendar.car";
    /// <summary>A sensor whose <c>prices</c> attribute is a list of {time, value} in EUR/kWh (see HaSensorPriceSource).</summary>
    public string PriceEntity { get; set; } = "sensor.chargebridge_prices";
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
        if (!EntityIds.Valid(PriceEntity))
            yield return new(nameof(PriceEntity), $"'{PriceEntity}' is not an entity id: put the sensor holding the prices here, such as sensor.chargebridge_prices.");
        if (PracticalMaxSoc is < 50 or > 100)
            yield return new(nameof(PracticalMaxSoc), $"must be between 50 and 100 %, not {PracticalMaxSoc}: the SoC the car still accepts power at (97 for a Nissan Leaf).");
    }
}
