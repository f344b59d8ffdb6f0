namespace ChargeBridge.Core.Forecasting;

/// <summary>A trimmed mean: one odd day (a party, a holiday, a broken meter) in a handful should not set the profile.</summary>
internal static class RobustMean
{
    /// <summary>The mean of <paramref name="values"/> without their lowest and highest when there are four or more;
    /// null for none.</summary>
    public static double? Of(List<double> values)
    {
        if (values.Count == 0) return null;
        if (values.Count < 4) return values.Average();
        values.Sort();
        return values.Skip(1).Take(values.Count - 2).Average();
    }
}
