using System.Reactive.Concurrency;
using System.Reflection;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Helpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChargeBridge.HassModel.Runtime;

public static class HomeAssistantServiceCollection
{
    /// <summary>Registers the HA client, its REST side, the per-app context and the app runtime for the apps in
    /// <paramref name="appAssemblies"/>. A TimeProvider or IScheduler registered before wins (tests use virtual time).</summary>
    public static IServiceCollection AddHomeAssistantApps(this IServiceCollection services, HomeAssistantOptions options, params Assembly[] appAssemblies) =>
        services.AddHomeAssistantApps(options, AppCatalog.FromAssemblies(appAssemblies));

    /// <summary>As above, for an explicit set of app classes.</summary>
    public static IServiceCollection AddHomeAssistantApps(this IServiceCollection services, HomeAssistantOptions options, AppCatalog apps)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IScheduler>(DefaultScheduler.Instance);
        services.AddSingleton(options);
        services.AddSingleton<HomeAssistantClient>();
        services.AddHttpClient<HaRestClient>();
        services.AddSingleton<HelperProvisioner>();
        services.AddScoped<HaContext>();
        services.AddScoped<IHaContext>(sp => sp.GetRequiredService<HaContext>());
        services.AddTransient(typeof(IAppConfig<>), typeof(AppConfig<>));
        services.AddSingleton(apps);
        services.AddHostedService<HomeAssistantConnectionService>();
        services.AddSingleton<AppRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<AppRuntime>());
        return services;
    }
}
