namespace ChargeBridge.HassModel.Fake;

/// <summary>How the fake mis-answers a command, as a real HA does under load, during a restart or in a new release.</summary>
public enum FakeFault
{
    /// <summary>No result is ever sent; the client must give up by itself.</summary>
    NoAnswer,
    /// <summary><c>success:false</c> with code <c>home_assistant_error</c>.</summary>
    Refuse,
    /// <summary><c>success:true</c> with a result of a shape the command does not have: a service call's result holds
    /// only its <c>context</c> (no <c>response</c>), any other command's result is a bare string.</summary>
    UnexpectedShape,
}
