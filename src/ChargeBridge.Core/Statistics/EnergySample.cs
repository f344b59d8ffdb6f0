using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Statistics;

/// <summary>
/// The measured average power over one sample interval (5 minutes) from <see cref="Start"/>, grid side
/// (+ = charging), with the prices and grid carbon intensity of that interval. A null sell price means energy fed
/// back is paid at the buy price (net metering); a null intensity counts no CO₂. <see cref="Site"/> is the site's
/// power over the same interval, which splits the energy by source (<see cref="EnergySources"/>); null leaves it
/// unattributed.
/// </summary>
public readonly record struct EnergySample(
    DateTimeOffset Start,
    Power Power,
    EnergyPrice BuyPrice,
    EnergyPrice? SellPrice = null,
    CarbonIntensity? Intensity = null,
    SitePower? Site = null);
