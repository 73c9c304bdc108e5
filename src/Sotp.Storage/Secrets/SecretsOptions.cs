namespace Sotp.Storage.Secrets;

/// <summary>
/// The <c>Secrets</c> section: where the master key of the secret store comes from. First match wins:
/// <see cref="MasterKey"/> (e.g. <c>SOTP__Secrets__MasterKey</c>), then <see cref="MasterKeyFile"/> (e.g. a container
/// secret at /run/secrets/sotp-master-key), then <c>master.key</c> in the data folder, created on first start.
/// Every node of a cluster needs the same key.
/// </summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Secrets";
    public const string DefaultKeyFileName = "master.key";

    /// <summary>32 random bytes, base64.</summary>
    public string? MasterKey { get; set; }

    public string? MasterKeyFile { get; set; }
}
