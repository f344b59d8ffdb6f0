namespace ChargeBridge.HassModel.Runtime;

/// <summary>An app with asynchronous start-up work (provisioning helpers, first reads) done after construction.</summary>
public interface IAsyncInitializable
{
    Task InitializeAsync(CancellationToken ct);
}
