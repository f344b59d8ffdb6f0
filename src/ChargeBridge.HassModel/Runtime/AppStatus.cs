namespace ChargeBridge.HassModel.Runtime;

public enum AppState { Starting, Running, Failed, Stopped }

/// <summary>How one app is doing; a failed app carries the reason.</summary>
public sealed record AppStatus(string Id, AppState State, string? Error = null);
