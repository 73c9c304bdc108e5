namespace Sotp.Core.Secrets;

/// <summary>A protected value cannot be decrypted. The message never contains the value.</summary>
public sealed class SecretUnreadableException(string message) : Exception(message);
