using Microsoft.Extensions.Configuration;

namespace ChargeBridge.HassModel.Runtime;

/// <summary>Where an app's config class lives in configuration and how it is bound (shared by the runtime and the
/// host's start-up validation, so both read the same keys).</summary>
public static class AppConfigBinder
{
    /// <summary>The section named after the type's full name (as NetDaemon does), or its short name when only that exists.</summary>
    public static IConfigurationSection SectionOf(IConfiguration configuration, Type type)
    {
        var section = configuration.GetSection(type.FullName!);
        if (section.Exists()) return section;
        var shortName = configuration.GetSection(type.Name);
        return shortName.Exists() ? shortName : section;
    }

    /// <summary>A new instance bound from its section; unknown keys and unreadable values throw.</summary>
    /// <exception cref="InvalidOperationException">A key is unknown or a value cannot be converted; the message names it.</exception>
    public static object Bind(IConfiguration configuration, Type type)
    {
        var value = Activator.CreateInstance(type)!;
        SectionOf(configuration, type).Bind(value, options => options.ErrorOnUnknownConfiguration = true);
        return value;
    }
}
