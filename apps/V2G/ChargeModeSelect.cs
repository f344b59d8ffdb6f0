using ChargeBridge.Core.Control;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// The charge-mode select (a helper or an MQTT select) and the loop's mode, kept in step both ways. The select counts when it changed since
/// the last step (the user chose a mode, or HA took the one the loop set); a select that has not caught up with the
/// loop's own change (HA was away when it was set) neither undoes that change nor announces it again, and is set
/// again until it shows the loop's mode.
/// </summary>
internal sealed class ChargeModeSelect(IControlEntities controls, V2GEntities entities)
{
    private string? _seen;

    /// <summary>The mode a step starts from: the select's when it changed, else <paramref name="current"/>.</summary>
    public ChargeMode Read(ChargeMode current)
    {
        var selected = controls.Get(entities.ChargeMode)?.State;
        if (selected == _seen) return current;
        _seen = selected;
        return V2GEntities.ModeFromName(selected) ?? current;
    }

    /// <summary>Sets the select to <paramref name="mode"/> when it shows another mode.</summary>
    public void Show(ChargeMode mode)
    {
        if (V2GEntities.ModeFromName(_seen) is { } shown && shown != mode)
            controls.Select(entities.ChargeMode, V2GEntities.ModeNames[mode]);
    }
}
