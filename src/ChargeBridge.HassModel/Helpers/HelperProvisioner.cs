using System.Text.Json;
using ChargeBridge.HassModel.Client;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.HassModel.Helpers;

/// <summary>Makes sure the input_* helpers apps own exist in HA, creating the missing ones over the WebSocket
/// (<c>&lt;domain&gt;/create</c>, which needs an admin token), so users need not edit YAML.</summary>
public sealed class HelperProvisioner(HomeAssistantClient client, ILogger<HelperProvisioner> logger)
{
    /// <summary>Creates every helper whose entity does not exist yet. One that HA refuses (or does not answer for) is
    /// reported in <see cref="HelperProvisioning.Missing"/> and the others are still created.</summary>
    public async Task<HelperProvisioning> EnsureAsync(IEnumerable<HelperDefinition> helpers, CancellationToken ct = default)
    {
        var created = new List<string>();
        var missing = new List<MissingHelper>();
        foreach (var helper in helpers)
        {
            // Helpers defined in YAML are not in <domain>/list, but every helper has a state.
            if (client.GetState(helper.EntityId) is { } existing)
            {
                await AddMissingOptionsAsync(helper, existing, ct).ConfigureAwait(false);
                continue;
            }
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
            catch (Exception e) when (e is HaCommandException or HaConnectionException or TimeoutException)
            {
                var reason = e is HaCommandException { Code: "unauthorized" } refused
                    ? $"creating it needs an administrator's access token ({refused.ServerMessage})"
                    : e.Message;
                missing.Add(new MissingHelper(helper, reason));
                continue;
            }
            logger.LogInformation("Created helper {EntityId}", helper.EntityId);
            created.Add(helper.EntityId);
        }
        return new HelperProvisioning(created, missing);
    }

    private async Task AddMissingOptionsAsync(HelperDefinition helper, EntityState existing, CancellationToken ct)
    {
        if (helper.Domain != "input_select" || helper.Fields.GetValueOrDefault("options") is not IReadOnlyList<string> wanted) return;
        var shown = existing.Attribute("options") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.String ? o.GetString() : null)
            : [];
        if (HelperOptions.Merge(wanted, shown) is not { } options) return;
        try
        {
            await client.CallServiceAsync("input_select", "set_options", ServiceTarget.Entity(helper.EntityId), new { options }, ct: ct)
                .ConfigureAwait(false);
            logger.LogInformation("Options of {EntityId} brought up to date", helper.EntityId);
        }
        catch (Exception e) when (e is HaCommandException or HaConnectionException or TimeoutException)
        {
            // The select still works with the options it has; the next pass (after a reconnect) tries again.
            logger.LogWarning("Options of {EntityId} not brought up to date: {Reason}", helper.EntityId, e.Message);
        }
    }
}

/// <summary>What one pass of <see cref="HelperProvisioner.EnsureAsync"/> did.</summary>
public sealed record HelperProvisioning(IReadOnlyList<string> Created, IReadOnlyList<MissingHelper> Missing);

/// <summary>A helper that does not exist in HA because creating it failed, and why.</summary>
public sealed record MissingHelper(HelperDefinition Helper, string Reason)
{
    public string EntityId => Helper.EntityId;
}
