using Microsoft.Extensions.DependencyInjection;

namespace ChargeBridge.Apps.Tests;

/// <summary>The host's HTTP handler factory as the apps get it from DI (pooled connections), for tests that build an app by hand.</summary>
internal static class HttpHandlers
{
    public static IHttpMessageHandlerFactory Factory { get; } =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpMessageHandlerFactory>();
}
