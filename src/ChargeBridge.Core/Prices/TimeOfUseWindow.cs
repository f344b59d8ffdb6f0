namespace ChargeBridge.Core.Prices;

/// <summary>
/// One window of a <see cref="TimeOfUseTariff"/> as configured: local wall-clock times <c>HH:mm</c> on quarter hours
/// (<see cref="End"/> may be <c>24:00</c>; an end before the start crosses midnight) and the price inside, EUR/kWh.
/// </summary>
public sealed record TimeOfUseWindow
{
    public string Start { get; init; } = "";
    public string End { get; init; } = "";
    public double Price { get; init; }
}
