using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Host.Demo;

/// <summary>
/// The demo site's second loadpoint, <c>driveway</c>: a charge-only 52 kWh car on a charger Home Assistant
/// integrates (three phases, 6–16 A, driven through its entities as an OCPP or Easee integration shows them), plugged
/// in after work with 30 % and needed for a commute the next morning.
/// </summary>
internal sealed record DemoSecondCar
{
    public const string Calendar = "calendar.commute";
    public static readonly LoadpointName Loadpoint = LoadpointName.Parse("driveway", out _)!.Value;

    public DateTimeOffset PlugIn { get; init; } = new(2024, 11, 6, 17, 30, 0, TimeSpan.Zero);
    public Percent PlugInSoc { get; init; } = new(30);
    public ChargeSettings Settings { get; init; } = new() { Capacity = Energy.FromKilowattHours(52) };
    public FakeCalendarEvent Trip { get; init; } = new(new DateTimeOffset(2024, 11, 7, 7, 15, 0, TimeSpan.Zero),
        new DateTimeOffset(2024, 11, 7, 17, 0, 0, TimeSpan.Zero), "Commute to Utrecht", "140 km return trip");

    /// <summary>The charger and car the HA fake plays, on the demo's clock.</summary>
    public HaChargerTwinOptions Twin(TimeProvider clock) => new()
    {
        Name = "driveway_charger", Phases = 3, MinCurrentA = 6, MaxCurrentA = 16, CarConnected = false,
        BatteryCapacity = Settings.Capacity, InitialSoc = PlugInSoc, Clock = clock,
    };

    /// <summary>The SoC the commute needs at its start, by the calendar rules the app applies.</summary>
    public Percent TripTarget(Percent practicalMax) => CalendarTargetRule.For(
        new CalendarEvent(Trip.Start, Trip.End, Trip.Summary, Trip.Description ?? "", Trip.AllDay), Settings, practicalMax).Soc;

    public DemoSecondCar ShiftedBy(TimeSpan by) => this with { PlugIn = PlugIn + by, Trip = Trip with { Start = Trip.Start + by, End = Trip.End + by } };
}
