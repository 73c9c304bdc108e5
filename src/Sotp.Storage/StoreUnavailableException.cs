using Sotp.Core.Errors;

namespace Sotp.Storage;

/// <summary>The store cannot be reached or used; the message says which store and why, in one line.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null)
    : DomainException(ErrorKind.Unavailable, ErrorCodes.StoreUnavailable, message, inner);
