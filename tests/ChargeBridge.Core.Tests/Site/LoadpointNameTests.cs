using ChargeBridge.Core.Site;

namespace ChargeBridge.Core.Tests.Site;

public sealed class LoadpointNameTests
{
    [Theory]
    [InlineData("garage", "chargebridge_garage_")]
    [InlineData("driveway_2", "chargebridge_driveway_2_")]
    [InlineData("", "chargebridge_")]
    [InlineData(null, "chargebridge_")]
    public void The_name_goes_into_every_entity_id_and_the_unnamed_loadpoint_keeps_the_single_charger_ids(string? text, string prefix)
    {
        var name = LoadpointName.Parse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(prefix, name!.Value.EntityPrefix);
    }

    [Theory]
    [InlineData("Garage")]
    [InlineData("2nd")]
    [InlineData("drive way")]
    [InlineData("garage.left")]
    public void A_name_that_cannot_be_part_of_an_entity_id_is_refused_with_the_rule(string text)
    {
        Assert.Null(LoadpointName.Parse(text, out var problem));
        Assert.Contains("lower-case letters, digits and underscores", problem);
    }

    [Fact]
    public void Default_is_the_unnamed_loadpoint() => Assert.True(default(LoadpointName).IsUnnamed);
}
