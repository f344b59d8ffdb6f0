using System.Text.Json;
using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Helpers;

/// <summary>Makes sure the input_* helpers apps own exist in HA, creating the missing ones over the WebSocket
/// (<c>&lt;domain&gt;/create</c>, which needs an admin token), so users need not edit YAML.</summary>
public sealed class HelperProvisioner(HomeAssistantClient client, ILogger<HelperProvisioner> logger)
{
    /// <summary>Creates every helper whose entity does not exist yet; returns the entity ids created.</summary>
    /// <exception cref="HaCommandException">HA refused to create one (for example a token without admin rights).</exception>
    public async Task<IReadOnlyList<string>> EnsureAsync(IEnumerable<HelperDefinition> helpers, CancellationToken ct = default)
    {
        var created = new List<string>();
        foreach (var helper in helpers)
        {
            // Helpers defined in YAML are not in <domain>/list, but every helper has a state.
            if (client.GetState(helper.EntityId) is not null) continue;
            try
            {
                await client.SendCommandAsync($"{helper.Domain}/create", w =>
                {
                    w.WriteString("name", helper.Name);
                    foreach (var (key, value) in helper.Fields)
                    {
                        w.WritePropertyName(key);
                        JsonSerializer.Serialize(w, value, HaJson.Options);
                    }
                }, ct).ConfigureAwait(false);
            }
            catch (HaCommandException e) when (e.Code == "unauthorized")
            {
                throw new HaCommandException(e.Command, e.Code,
                    $"creating {helper.EntityId} needs an administrator's access token ({e.ServerMessage})");
            }
            logger.LogInformation("Created helper {EntityId}", helper.EntityId);
            created.Add(helper.EntityId);
        }
        return created;
    }
}
