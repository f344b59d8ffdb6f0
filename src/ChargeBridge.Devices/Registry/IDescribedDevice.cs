namespace ChargeBridge.Devices.Registry;

/// <summary>A device that tells what it is once read (firmware, serial …), for `charger status` and `check`.</summary>
public interface IDescribedDevice
{
    /// <summary>Empty until the device has been read.</summary>
    IReadOnlyDictionary<string, object?> Details { get; }
}
