using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Settings;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host.Tests;

/// <summary>The HA token and the FlexMeasures password read from files (Docker secrets, files of mode 600).</summary>
public sealed class SecretFilesTests : IDisposable
{
    private const string V2G = "ChargeBridge.Apps.V2G.V2GConfig";
    private readonly string _folder = Directory.CreateTempSubdirectory("chargebridge-secrets-").FullName;

    private string Secret(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Validates with <paramref name="settingsJson"/> as the --config file, as `run` reads it.</summary>
    private (IReadOnlyList<ConfigProblem> Problems, ConfigurationManager Configuration, HassModel.HomeAssistantOptions Options) Load(string settingsJson)
    {
        var file = Secret("appsettings.extra.json", settingsJson);
        var configuration = new ConfigurationManager();
        var problems = StartupValidation.Load(configuration, () => AppHost.Configure(configuration, file, AppHost.DefaultAppsConfigFolder), _ => null, out var options);
        return (problems, configuration, options);
    }

    private static string Json(string path) => path.Replace("\\", "\\\\");

    [Fact]
    public void The_token_and_the_flexmeasures_password_come_from_their_files_without_the_line_break()
    {
        var token = Secret("ha_token", "abc.def.ghi\n");
        var password = Secret("fm_password", "s3cret\r\n");
        var (problems, configuration, options) = Load($$$"""
            {"HomeAssistant": {"TokenFile": "{{{Json(token)}}}"},
             "{{{V2G}}}": {"ChargerHost": "192.168.1.20", "FlexMeasures": {"Url": "https://fm.example/", "Email": "me@example.org",
               "PasswordFile": "{{{Json(password)}}}", "PowerSensor": 1, "ConsumptionPriceSensor": 2, "ProductionPriceSensor": 3, "SocSensor": 4, "AvailabilitySensor": 5} } }
            """);

        Assert.Empty(problems);
        Assert.Equal("abc.def.ghi", options.Token);
        var config = (V2GConfig)AppConfigBinder.Bind(configuration, typeof(V2GConfig));
        Assert.Equal("s3cret", config.FlexMeasures!.Password);
    }

    [Fact]
    public void A_missing_or_empty_file_or_a_secret_given_twice_is_a_problem_that_never_shows_the_secret()
    {
        var missing = Load($$$"""{"HomeAssistant": {"TokenFile": "{{{Json(Path.Combine(_folder, "nothing"))}}}"}}""").Problems;
        var empty = Load($$$"""{"HomeAssistant": {"TokenFile": "{{{Json(Secret("empty", "\n"))}}}"}}""").Problems;
        var twice = Load($$$"""{"HomeAssistant": {"Token": "inline-token", "TokenFile": "{{{Json(Secret("t", "file-token"))}}}"}}""").Problems;

        Assert.Contains("HomeAssistant:TokenFile", Assert.Single(missing).Fix);
        Assert.Contains("is empty", Assert.Single(empty).Fix);
        var both = Assert.Single(twice).Fix;
        Assert.Contains("both set", both);
        Assert.DoesNotContain("inline-token", both);
        Assert.DoesNotContain("file-token", both);
    }

    [Theory]
    [InlineData("https://user:pa55@fm.example/api", "https://***@fm.example/api")]
    [InlineData("https://fm.example/api", "https://fm.example/api")]
    [InlineData(" ftp://pa55@fm", " ftp://***@fm")]
    [InlineData("not a url with a@sign", "not a url with a@sign")]
    public void A_web_address_is_shown_without_its_user_name_and_password(string url, string shown)
    {
        Assert.Equal(shown, RedactedUrl.Of(url));
    }

    [Fact]
    public void A_flexmeasures_address_with_a_password_in_it_is_refused_without_showing_it()
    {
        var (problems, _, _) = Load($$$"""
            {"HomeAssistant": {"Token": "t"},
             "{{{V2G}}}": {"ChargerHost": "192.168.1.20", "FlexMeasures": {"Url": "https://me:pa55@fm.example/", "Email": "me@example.org",
               "Password": "x", "PowerSensor": 1, "ConsumptionPriceSensor": 2, "ProductionPriceSensor": 3, "SocSensor": 4, "AvailabilitySensor": 5} } }
            """);

        var problem = Assert.Single(problems);
        Assert.EndsWith("FlexMeasures:Url", problem.Key);
        Assert.DoesNotContain("pa55", problem.Fix);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
