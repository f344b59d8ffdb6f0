namespace ChargeBridge.FlexMeasures.Client;

/// <summary>A FlexMeasures account. A class, not a record, so that the password never appears in ToString output.</summary>
public sealed class FlexMeasuresCredentials(string email, string password)
{
    public string Email { get; } = email;
    public string Password { get; } = password;

    public override string ToString() => $"FlexMeasures account {Email} (password hidden)";
}
