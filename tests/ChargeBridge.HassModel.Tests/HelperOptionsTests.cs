using ChargeBridge.HassModel.Helpers;

namespace ChargeBridge.HassModel.Tests;

public class HelperOptionsTests
{
    private static readonly string[] Ours = ["Automatic", "Max boost now", "Solar only"];

    [Fact]
    public void A_select_with_all_our_options_is_left_alone_whatever_their_order_or_the_users_extras() =>
        Assert.Null(HelperOptions.Merge(Ours, ["Solar only", "Holiday", "Automatic", "Max boost now"]));

    [Fact]
    public void Missing_options_are_added_and_the_users_own_kept_after_ours_in_their_order() =>
        Assert.Equal(["Automatic", "Max boost now", "Solar only", "Holiday", "Guest"],
            HelperOptions.Merge(Ours, ["Holiday", "Automatic", "Guest", "Max boost now"]));

    [Fact]
    public void A_select_without_options_gets_ours() => Assert.Equal(Ours, HelperOptions.Merge(Ours, []));

    [Fact]
    public void Options_that_are_not_text_or_repeated_are_dropped() =>
        Assert.Equal(["Automatic", "Max boost now", "Solar only", "Holiday"],
            HelperOptions.Merge(Ours, [null, "Holiday", "Automatic", "Holiday"]));
}
