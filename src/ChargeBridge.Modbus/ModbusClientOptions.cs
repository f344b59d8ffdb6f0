namespace ChargeBridge.Modbus;

/// <summary>Settings of a <see cref="ModbusTcpClient"/>.</summary>
public sealed record ModbusClientOptions
{
    public byte UnitId { get; init; } = 1;

    /// <summary>Longest wait for one answer, from sending the request (connecting included) to the last byte.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Wait after the first failure before connecting again; doubles per further failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Clock of timeouts and backoff; tests pass a virtual one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal ModbusClientOptions Validated()
    {
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "must be positive");
        if (ReconnectDelay < TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay)
            throw new ArgumentOutOfRangeException(nameof(ReconnectDelay), ReconnectDelay, "must be 0 or more and at most MaxReconnectDelay");
        return this;
    }
}
