using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.Apps.V2G;

/// <summary>The charge settings as the controls hold them (helpers in HA or MQTT numbers); a control that is missing or
/// not a number keeps the default.</summary>
internal static class HelperSettings
{
    /// <summary>The settings, or the defaults with the reasons when the helpers hold an invalid combination; either within
    /// what the charger can do.</summary>
    public static ChargeSettings Read(IControlEntities controls, V2GEntities entities, ChargerCapabilities charger, out IReadOnlyList<SettingError> errors)
    {
        var defaults = new ChargeSettings();
        double Number(HelperDefinition helper, double fallback) => controls.Get(helper)?.NumericState ?? fallback;
        var settings = defaults with
        {
            MinSoc = new Percent(Number(entities.MinSoc, defaults.MinSoc.Value)),
            MaxSoc = new Percent(Number(entities.MaxSoc, defaults.MaxSoc.Value)),
            Capacity = Energy.FromKilowattHours(Number(entities.Capacity, defaults.Capacity.KilowattHours)),
            MaxChargePower = Power.FromWatts(Number(entities.MaxChargePower, defaults.MaxChargePower.Watts)),
            MaxDischargePower = Power.FromWatts(Number(entities.MaxDischargePower, defaults.MaxDischargePower.Watts)),
            ConsumptionWhPerKm = Number(entities.Consumption, defaults.ConsumptionWhPerKm),
        };
        errors = settings.Validate(charger.MaxChargePower, charger.MinPower);
        // Planning on a half-valid set could discharge below a floor the user did not mean; the defaults are safe.
        return (errors.Count == 0 ? settings : defaults).Within(charger);
    }

    /// <summary>The markup and VAT controls as a tariff; one that is missing or not a number counts as 0.</summary>
    public static Tariff ReadTariff(IControlEntities controls) => new(
        new EnergyPrice(controls.Get(V2GEntities.PriceMarkup)?.NumericState ?? 0),
        (controls.Get(V2GEntities.Vat)?.NumericState ?? 0) / 100);
}
