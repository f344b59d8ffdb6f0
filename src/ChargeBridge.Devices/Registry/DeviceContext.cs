using ChargeBridge.HassModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.Devices.Registry;

/// <summary>What a device may need besides its settings: the clock, Home Assistant (for devices HA already
/// integrates), an HTTP client for devices with a local HTTP API, and a logger.</summary>
public sealed record DeviceContext(TimeProvider Time)
{
    /// <summary>Home Assistant, for the <c>ha-*</c> device types; null where none is connected (the host's verbs).</summary>
    public IHaContext? Ha { get; init; }

    public HttpClient Http { get; init; } = SharedHttp;

    public ILoggerFactory Logging { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The device is built only to check its keys and is disposed unused: a type must not ask for what only a
    /// running site has (such as <see cref="Ha"/>).</summary>
    public bool Validating { get; init; }

    /// <summary>The device serves one command a person typed (the `charger` verbs): nothing automatic, such as the
    /// Quasar's SoC probe on plug-in, may start.</summary>
    public bool Interactive { get; init; }

    private static readonly HttpClient SharedHttp = new() { Timeout = Timeout.InfiniteTimeSpan };
}
