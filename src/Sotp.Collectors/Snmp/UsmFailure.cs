namespace Sotp.Collectors.Snmp;

/// <summary>Why an agent refused a v3 request: the usmStats report it sent (RFC 3414 section 5), or our inference.</summary>
public enum UsmFailure
{
    UnsupportedSecurityLevel = 1,
    NotInTimeWindow = 2,
    UnknownUserName = 3,
    UnknownEngineId = 4,
    WrongDigest = 5,
    DecryptionError = 6,
}
