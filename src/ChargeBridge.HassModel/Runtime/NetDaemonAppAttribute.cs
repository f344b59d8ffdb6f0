namespace ChargeBridge.HassModel.Runtime;

/// <summary>Marks a class as an app the runtime discovers and starts (the name NetDaemon uses).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NetDaemonAppAttribute : Attribute
{
    /// <summary>The app's id in logs and status; the class's full name when not given.</summary>
    public string? Id { get; init; }
}
