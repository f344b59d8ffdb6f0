namespace ChargeBridge.Core.HomePower;

/// <summary>Why a frequency event ended.</summary>
public enum FrequencyEventEnd
{
    /// <summary>The frequency came back inside the band.</summary>
    Recovered,
    /// <summary><see cref="FrequencyResponseSettings.MaxDuration"/> passed.</summary>
    MaxDuration,
    /// <summary>The day's energy cap was reached.</summary>
    DailyEnergyCap,
    /// <summary>The SoC left the range the event may run in (the discharge threshold, the practical maximum), or is unknown.</summary>
    SocLimit,
    /// <summary>The frequency reading became unknown or implausible.</summary>
    FrequencyUnknown,
    /// <summary>The car was unplugged, or the site went into Backup.</summary>
    Stopped,
}
