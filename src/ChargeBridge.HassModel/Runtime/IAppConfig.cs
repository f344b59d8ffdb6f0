using Microsoft.Extensions.Configuration;

namespace ChargeBridge.HassModel.Runtime;

/// <summary>An app's typed configuration, injected into its constructor.</summary>
public interface IAppConfig<out T> where T : class, new()
{
    T Value { get; }
}

/// <summary>Binds the configuration section named after <typeparamref name="T"/>'s full name (as NetDaemon does),
/// or its short name, from YAML or JSON.</summary>
internal sealed class AppConfig<T>(IConfiguration configuration) : IAppConfig<T> where T : class, new()
{
    private readonly Lazy<T> _value = new(() => (T)AppConfigBinder.Bind(configuration, typeof(T)));

    public T Value => _value.Value;
}
