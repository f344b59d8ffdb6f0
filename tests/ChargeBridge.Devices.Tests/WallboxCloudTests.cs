using ChargeBridge.Devices.Quasar;

namespace ChargeBridge.Devices.Tests;

/// <summary>The Wallbox cloud client against the fake cloud: sign-in, the restart and pause actions, and every way the
/// cloud can say no, with the account's password never in a message.</summary>
public sealed class WallboxCloudTests : IAsyncLifetime
{
    private const string Email = "owner@example.org";
    private const string Password = "wallbox-secret-77";
    private const string Serial = "123456";
    private WallboxCloudFake _fake = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _fake = await WallboxCloudFake.StartAsync(Email, Password, Serial);
        _http = new HttpClient { BaseAddress = _fake.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private WallboxCloud Cloud(string password = Password) => new(_http, Email, password);

    [Fact]
    public async Task Pause_then_restart_signs_in_once_and_reaches_the_charger_by_its_serial()
    {
        var cloud = Cloud();
        await cloud.PauseAsync(Serial, CancellationToken.None);
        await cloud.RestartAsync(Serial, CancellationToken.None);

        Assert.Equal([WallboxCloud.Pause, WallboxCloud.Restart], _fake.Actions);
        Assert.Equal(1, _fake.SignIns);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_and_the_action_taken()
    {
        var cloud = Cloud();
        await cloud.PauseAsync(Serial, CancellationToken.None);
        _fake.ExpireToken();

        await cloud.RestartAsync(Serial, CancellationToken.None);

        Assert.Equal([WallboxCloud.Pause, WallboxCloud.Restart], _fake.Actions);
        Assert.Equal(2, _fake.SignIns);
    }

    [Fact]
    public async Task A_refused_sign_in_says_so_without_the_password_and_takes_no_action()
    {
        var error = await Assert.ThrowsAsync<WallboxCloudException>(() => Cloud("wrong-pass-11").RestartAsync(Serial, CancellationToken.None));

        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("refused the sign-in", error.Message);
        Assert.DoesNotContain("wrong-pass-11", error.ToString());
        Assert.Empty(_fake.Actions);
    }

    [Fact]
    public async Task A_rate_limit_gives_its_wait_and_no_action()
    {
        _fake.RateLimit = TimeSpan.FromSeconds(120);

        var error = await Assert.ThrowsAsync<WallboxCloudException>(() => Cloud().RestartAsync(Serial, CancellationToken.None));

        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Empty(_fake.Actions);
    }

    [Fact]
    public async Task A_cloud_that_does_not_answer_is_a_timeout_not_a_hang()
    {
        _fake.Hang = true;

        var error = await Assert.ThrowsAsync<WallboxCloudException>(() => Cloud().RestartAsync(Serial, CancellationToken.None));

        Assert.Null(error.HttpStatus);
        Assert.Contains("did not answer", error.Message);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Fact]
    public async Task An_unknown_serial_is_refused_with_the_clouds_status()
    {
        var error = await Assert.ThrowsAsync<WallboxCloudException>(() => Cloud().RestartAsync("999999", CancellationToken.None));

        Assert.Equal(404, error.HttpStatus);
        Assert.Empty(_fake.Actions);
    }
}
