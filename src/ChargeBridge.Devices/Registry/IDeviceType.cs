using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Meters;

namespace ChargeBridge.Devices.Registry;

/// <summary>
/// One kind of device, found by <see cref="DeviceRegistry"/> by its <see cref="Name"/>. <see cref="Create"/> reads its
/// keys from the spec; a key that is missing or wrong is recorded in <see cref="DeviceSpec.Problems"/> and the result
/// is null, and the registry refuses the device with all of them. Creating a device does not contact it.
/// </summary>
public interface IDeviceType<out TDevice>
{
    /// <summary>The <c>type:</c> value in configuration, lower case (<c>quasar</c>, <c>shelly-gen1</c>).</summary>
    string Name { get; }

    /// <summary>One line for `--help` and the docs: what the device is and which keys it takes.</summary>
    string Description { get; }

    /// <summary>What to look at when the device does not answer or will not take commands, for `check`.</summary>
    string Hint => "see the device's section in docs/devices.md";

    /// <summary>Whether the device is reached through Home Assistant (<see cref="DeviceContext.Ha"/>), so a command-line
    /// verb must connect to HA before building it.</summary>
    bool NeedsHomeAssistant => false;

    TDevice? Create(DeviceSpec spec, DeviceContext context);
}

/// <summary>A charger type: the result is started by the caller (<see cref="IStartable"/>) and disposed by it.</summary>
public interface IChargerType : IDeviceType<ICharger>;

/// <summary>A meter type.</summary>
public interface IMeterType : IDeviceType<IMeter>;
