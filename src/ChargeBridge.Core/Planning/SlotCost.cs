namespace ChargeBridge.Core.Planning;

/// <summary>
/// What the car's move in one slot adds to the objective, grid side, as a piecewise-linear function of the energy e it
/// draws (e &gt; 0) or feeds back (e &lt; 0): charging costs <see cref="ChargeWeight1"/> per kWh on the first
/// <see cref="ChargeKwh1"/> (the PV surplus the site would otherwise export) and <see cref="ChargeWeight2"/> on the
/// next <see cref="ChargeKwh2"/> (bought); discharging earns <see cref="DischargeWeight1"/> per kWh on the first
/// <see cref="DischargeKwh1"/> (the house load it covers) and <see cref="DischargeWeight2"/> on the next
/// <see cref="DischargeKwh2"/> (exported). The two lengths each way add up to the slot's limit; the first segment is
/// empty only where its direction is, a second one where its weight equals the first's (no site, net metering, or
/// nothing to soak or cover).
/// </summary>
public readonly record struct SlotCost(
    double ChargeKwh1, double ChargeWeight1, double ChargeKwh2, double ChargeWeight2,
    double DischargeKwh1, double DischargeWeight1, double DischargeKwh2, double DischargeWeight2)
{
    /// <summary>The objective of moving <paramref name="gridKwh"/> (+ charging) in this slot; beyond the limits the last
    /// segment's weight goes on.</summary>
    public double Of(double gridKwh) => gridKwh >= 0
        ? ChargeWeight1 * Math.Min(gridKwh, ChargeKwh1) + ChargeWeight2 * Math.Max(0, gridKwh - ChargeKwh1)
        : -(DischargeWeight1 * Math.Min(-gridKwh, DischargeKwh1) + DischargeWeight2 * Math.Max(0, -gridKwh - DischargeKwh1));

    /// <summary>
    /// Whether the cost is convex in the stored energy's move (ηc, ηd the charge and discharge efficiencies): its slopes
    /// rise from the farthest discharge to the farthest charge. Selling above the buying price (the second segment
    /// cheaper than the first) or earning more by discharging than charging costs (negative prices) breaks it.
    /// </summary>
    public bool IsConvex(double chargeEfficiency, double dischargeEfficiency)
    {
        if (ChargeKwh2 > 0 && ChargeWeight2 < ChargeWeight1) return false;
        if (DischargeKwh2 > 0 && DischargeWeight2 > DischargeWeight1) return false;
        return !(ChargeKwh1 + ChargeKwh2 > 0 && DischargeKwh1 + DischargeKwh2 > 0)
            || DischargeWeight1 * dischargeEfficiency <= ChargeWeight1 / chargeEfficiency;
    }
}
