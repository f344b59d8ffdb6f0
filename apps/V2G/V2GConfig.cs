namespace ChargeBridge.Apps.V2G;

/// <summary>Where the charger, the calendar and the prices are, and whom to notify.</summary>
public sealed class V2GConfig
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
}
