using ChargeBridge.Core.Chargers;

namespace ChargeBridge.Devices.Registry;

/// <summary>A charger driver's background polling: refresh, wait what the status asks for on the device's clock, again,
/// until cancelled (the driver's disposal).</summary>
internal static class PollLoop
{
    public static async Task RunAsync(Func<CancellationToken, Task<ChargerStatus>> refresh, Func<ChargerStatus, TimeSpan> pause,
        TimeProvider clock, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var status = await refresh(ct);
                await Task.Delay(pause(status), clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
