namespace Sotp.Collectors.Snmp.Traps;

/// <summary>
/// A USM user whose notifications we accept. For a trap the sender is the authoritative engine, so its keys are
/// localised with the sender's engine id: <see cref="EngineId"/> pins the user to one sender's engine (as
/// snmptrapd's <c>createUser -e</c> does); null accepts the user from any engine, still proven by its keys. For an
/// inform we are authoritative and the keys are localised with our own engine id.
/// </summary>
public sealed record TrapUser(UsmCredentials Credentials, byte[]? EngineId = null)
{
    public string UserName => Credentials.UserName;
}
