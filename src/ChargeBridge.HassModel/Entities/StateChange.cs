namespace ChargeBridge.HassModel;

/// <summary>One change of an entity's state: what it was and what it is now (null when added or removed).</summary>
public sealed record StateChange(Entity Entity, EntityState? Old, EntityState? New);
