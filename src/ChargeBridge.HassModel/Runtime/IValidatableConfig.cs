namespace ChargeBridge.HassModel.Runtime;

/// <summary>An app's config class that can say, before the app starts, which of its settings are missing or invalid.
/// The host checks every one at start-up and reports all problems at once.</summary>
public interface IValidatableConfig
{
    /// <summary>Every problem (empty when none); keys are the class's own property names, for example "ChargerHost".</summary>
    IEnumerable<ConfigProblem> Validate();
}
