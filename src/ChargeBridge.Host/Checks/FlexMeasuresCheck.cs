using ChargeBridge.Core.Settings;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.Apps.V2G.FlexMeasures;

namespace ChargeBridge.Host.Checks;

/// <summary>Logs in to FlexMeasures and reads every configured sensor. Messages come from the client, which removes
/// the password and token from anything the server says.</summary>
internal static class FlexMeasuresCheck
{
    public static async Task<IReadOnlyList<CheckItem>> RunAsync(FlexMeasuresConfig settings, CancellationToken ct)
    {
        using var primary = new SocketsHttpHandler();
        var (client, http) = FlexMeasuresClient.Create(primary, settings.BaseAddress, TimeSpan.FromSeconds(15),
            new FlexMeasuresCredentials(settings.Email, settings.Password), TimeProvider.System);
        using var _ = http;
        var items = new List<CheckItem>();
        foreach (var (key, id) in settings.Sensors)
        {
            try
            {
                var sensor = await client.GetSensorAsync(id, ct);
                items.Add(CheckItem.Pass($"V2GConfig:FlexMeasures:{key}: sensor {id} exists ('{sensor.Name}', asset {sensor.AssetId})"));
            }
            catch (FlexMeasuresAuthenticationException e)
            {
                return [CheckItem.Fail($"FlexMeasures login failed: {e.Message}", "check V2GConfig:FlexMeasures:Email and V2GConfig:FlexMeasures:Password")];
            }
            catch (FlexMeasuresException e) when (e.HttpStatus is null)
            {
                return [CheckItem.Fail(e.Message, "check V2GConfig:FlexMeasures:Url and that the server is reachable from this machine")];
            }
            catch (FlexMeasuresException e)
            {
                items.Add(CheckItem.Fail($"V2GConfig:FlexMeasures:{key}: sensor {id}: {e.Message}", $"put the id of a sensor of your account in V2GConfig:FlexMeasures:{key}"));
            }
        }
        // Any answer but a refused login or no answer at all means the login worked.
        items.Insert(0, CheckItem.Pass($"logged in to FlexMeasures at {RedactedUrl.Of(settings.BaseAddress)} as {settings.Email}"));
        return items;
    }
}
