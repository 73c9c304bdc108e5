namespace Sotp.Core.Secrets;

public enum SecretKind
{
    SnmpCommunity,
    SnmpV3Auth,
    SnmpV3Priv,
    SshPassword,
    SshPrivateKey,
    PanelUserCode,
    PanelIntegrationKey,
    ContactPassword,
    Other,
}
