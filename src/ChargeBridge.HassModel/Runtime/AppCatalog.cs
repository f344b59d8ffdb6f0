using System.Reflection;

namespace ChargeBridge.HassModel.Runtime;

/// <summary>The app classes found in the given assemblies by <see cref="NetDaemonAppAttribute"/>.</summary>
public sealed class AppCatalog(IEnumerable<Type> appTypes)
{
    public IReadOnlyList<Type> AppTypes { get; } = appTypes.OrderBy(IdOf, StringComparer.Ordinal).ToList();

    public static AppCatalog FromAssemblies(params Assembly[] assemblies) =>
        new(assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetCustomAttribute<NetDaemonAppAttribute>() is not null));

    public static string IdOf(Type type) => type.GetCustomAttribute<NetDaemonAppAttribute>()?.Id ?? type.FullName ?? type.Name;
}
