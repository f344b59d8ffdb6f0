using System.Text.RegularExpressions;

namespace ChargeBridge.HassModel;

/// <summary>The shape HA gives entity ids: <c>domain.object_id</c>, lower case letters, digits and underscores.</summary>
public static partial class EntityIds
{
    /// <summary>Whether <paramref name="entityId"/> is a well-formed entity id, of <paramref name="domain"/> when given.</summary>
    public static bool Valid(string? entityId, string? domain = null) =>
        entityId is not null && Shape().IsMatch(entityId) && (domain is null || entityId.StartsWith(domain + ".", StringComparison.Ordinal));

    [GeneratedRegex("^[a-z0-9_]+\\.[a-z0-9_]+$")]
    private static partial Regex Shape();
}
