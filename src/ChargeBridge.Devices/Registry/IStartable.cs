namespace ChargeBridge.Devices.Registry;

/// <summary>A device that polls in the background once started (until disposed).</summary>
public interface IStartable
{
    void Start();
}
