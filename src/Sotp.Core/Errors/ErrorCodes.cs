namespace Sotp.Core.Errors;

/// <summary>
/// The stable, machine-readable <c>code</c> of every error a client can act on. Clients branch on these,
/// so a code, once published, is never renamed; new situations get new codes.
/// </summary>
public static class ErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string ValidationFailed = "validation_failed";
    public const string MalformedJson = "malformed_json";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string Forbidden = "forbidden";
    public const string PasswordChangeRequired = "password_change_required";
    public const string MasterOnly = "master_only";
    public const string TooManyAttempts = "too_many_attempts";
    public const string RevealLimitReached = "reveal_limit_reached";
    public const string InvalidRefreshToken = "invalid_refresh_token";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string NotFound = "not_found";
    public const string RouteNotFound = "route_not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string VersionConflict = "version_conflict";
    public const string SiteHasDevices = "site_has_devices";
    public const string SiteHasSecrets = "site_has_secrets";
    public const string DeviceHasChildren = "device_has_children";
    public const string DependencyCycle = "dependency_cycle";
    public const string RequestTooLarge = "request_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string StoreUnavailable = "store_unavailable";
    public const string ServiceStopping = "service_stopping";
    public const string UnreadableFile = "unreadable_file";
    public const string ImportRejected = "import_rejected";
    public const string AlarmClaimed = "alarm_claimed";
    public const string ClaimExpired = "claim_expired";
    public const string InvalidTransition = "invalid_transition";
    public const string UnknownReference = "unknown_reference";
    public const string PanelNotWatched = "panel_not_watched";
    public const string PanelReleased = "panel_released";
    public const string PanelUserCodeMissing = "panel_user_code_missing";
    public const string CidrTooLarge = "cidr_too_large";
    public const string DiscoveryBusy = "discovery_busy";
    public const string Internal = "internal_error";
}
