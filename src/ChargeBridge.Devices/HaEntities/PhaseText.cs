using System.Globalization;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>
/// How an ha-entities phases entity's state is read. A number (a <c>number</c> or <c>input_number</c> entity, or a
/// select whose options are numbers) is the phases itself: 1 or 3 (HA shows "1.0" and "3.0" too); other numbers name
/// no phases. Any other text names one phase when it holds a "1" and no "3", and three phases when it holds a "3" and
/// no "1": "1p"/"3p", "Force_1"/"Force_3", "1 phase"/"3 phases". Texts naming neither or both ("auto", "1/3 auto")
/// name no phases.
/// </summary>
internal static class PhaseText
{
    /// <summary>1 or 3, or null when <paramref name="text"/> names neither.</summary>
    public static int? Phases(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number switch
            {
                1 => 1,
                3 => 3,
                _ => null,
            };
        return (text.Contains('1'), text.Contains('3')) switch
        {
            (true, false) => 1,
            (false, true) => 3,
            _ => null,
        };
    }

    /// <summary>The first of <paramref name="options"/> that names <paramref name="phases"/>, or null.</summary>
    public static string? OptionFor(IEnumerable<string> options, int phases) => options.FirstOrDefault(o => Phases(o) == phases);
}
