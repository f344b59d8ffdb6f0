using System.Text.RegularExpressions;

namespace ChargeBridge.Host.Tests;

/// <summary>Checks of an HTML report as headless chromium renders it, shared by the `simulate` and `demo` report tests.</summary>
internal static class RenderedReport
{
    /// <summary>Screenshots <paramref name="html"/> (the PNG goes next to it) and checks the chart is drawn: a full-size,
    /// many-coloured image holding the price, power and actual-SoC colours and the events' shading.</summary>
    public static async Task AssertChartDrawnAsync(string html)
    {
        var png = Path.ChangeExtension(html, ".png");
        await HeadlessChromium.RunAsync(html, "--window-size=1280,1300", "--hide-scrollbars", $"--screenshot={png}");
        Assert.True(File.Exists(png), "chromium wrote no screenshot");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"screenshot of {bytes.Length} bytes");
        var image = PngImage.Read(bytes);
        Assert.Equal((1280, 1300), (image.Width, image.Height));
        Assert.True(image.Pixels.Distinct().Count() > 50, "the screenshot is (nearly) one colour");
        foreach (var colour in new[] { 0xc2410c, 0x1d4ed8, 0x15803d, 0xf3e8c8 })
            Assert.True(image.Count(colour, 40) > 200, $"{image.Count(colour, 40)} pixels of #{colour:x6}: the chart did not render");
    }

    /// <summary>The DOM chromium built holds the <paramref name="series"/> path with at least <paramref name="least"/> points.</summary>
    public static void AssertSeries(string dom, string series, int least)
    {
        var path = Regex.Match(dom, $"<path[^>]*data-series=\"{series}\"[^>]*\\sd=\"([^\"]*)\"");
        Assert.True(path.Success, $"no {series} path in the rendered DOM");
        var points = path.Groups[1].Value.Count(c => c is 'M' or 'L');
        Assert.True(points >= least, $"{series}: only {points} points");
    }
}
