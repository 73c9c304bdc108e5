namespace Sotp.Core.Notifications;

/// <summary>Where a delivery stands, and what each attempt in the log ended as.</summary>
public enum DeliveryStatus
{
    /// <summary>Planned, not yet tried.</summary>
    Pending,

    /// <summary>An attempt failed; another follows after a back-off.</summary>
    Retrying,

    Sent,

    /// <summary>The last attempt of the retry budget failed; no more are made.</summary>
    Failed,
}
