using ChargeBridge.Core.Prices;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Apps.V2G.Prices;

/// <summary>Fixed time-of-use prices (section <c>Prices:TimeOfUse</c>, used with <c>Prices:Import</c> TimeOfUse): final prices, VAT included.</summary>
public sealed class TimeOfUseConfig
{
    /// <summary>The price outside the windows, EUR/kWh.</summary>
    public double? DefaultPrice { get; set; }
    /// <summary>The windows of local time with their own price.</summary>
    public List<TimeOfUseWindow> Windows { get; set; } = [];

    /// <summary>The tariff, or null with every problem (keys relative to this section).</summary>
    public TimeOfUseTariff? Tariff(out IReadOnlyList<ConfigProblem> problems)
    {
        if (DefaultPrice is not { } price)
        {
            problems = [new(nameof(DefaultPrice), "is not set: put the price outside the windows here, in EUR/kWh (VAT included).")];
            return null;
        }
        var tariff = TimeOfUseTariff.Create(Windows, price, out var found);
        problems = found.Select(p => new ConfigProblem(p.Key, p.Fix)).ToList();
        return tariff;
    }
}
