using System.Reactive.Linq;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.Apps.V2G;

/// <summary>The controls as input_* helpers in HA, read from HA's states (the REST path).</summary>
internal sealed class HelperControls(IHaContext ha) : IControlEntities
{
    public EntityState? Get(HelperDefinition control) => ha.GetState(control.EntityId);

    public void Select(HelperDefinition select, string option) =>
        ha.CallService("input_select", "select_option", ServiceTarget.Entity(select.EntityId), new { option });

    public IObservable<string> Changes => ha.StateAllChanges().Select(c => c.Entity.EntityId);
}
