using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>What leads over the loadpoints' modes in one control step: an outage (<see cref="Backup"/>, with the house's
/// load the car follows) and a frequency event's set point, both for loadpoint <see cref="Car"/>
/// (<see cref="BackupCar"/>).</summary>
internal sealed record SiteOverride(bool Backup, int? Car, Power? Frequency, MeterReading HouseLoad)
{
    public static readonly SiteOverride None = new(false, null, null, MeterReading.None);
}
