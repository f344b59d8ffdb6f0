using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>Reads configuration keys that name Home Assistant entities, checking their shape and domain without HA,
/// so a wrong id is found at start-up validation rather than at the first command.</summary>
internal static class EntityKeys
{
    /// <summary>The entity id under <paramref name="key"/>, or null when it is missing (a problem when
    /// <paramref name="required"/>) or not of one of <paramref name="domains"/> (always a problem).</summary>
    public static string? Read(DeviceSpec spec, string key, bool required, string what, params string[] domains)
    {
        var allowed = string.Join(" or ", domains.Select(d => d + ".*"));
        if (spec.Text(key) is not { } id)
        {
            if (required) spec.Problem(key, $"is empty: put the {allowed} entity of {what} here.");
            return null;
        }
        if (domains.Any(d => EntityIds.Valid(id, d))) return id;
        spec.Problem(key, $"must be a {allowed} entity id ({what}), not '{id}'.");
        return null;
    }

    /// <summary>The domain of a well-formed entity id.</summary>
    public static string Domain(string entityId) => entityId[..entityId.IndexOf('.')];
}
