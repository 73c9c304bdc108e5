namespace Sotp.Core.Sites;

/// <summary>A site as a client sends it (create or full update). Everything is optional here; validation says what is missing.</summary>
public sealed record SiteInput(
    string? Name,
    string? Address = null,
    string? Type = null,
    double? Latitude = null,
    double? Longitude = null,
    string? Status = null,
    string? Notes = null,
    DateTimeOffset? ServiceFrom = null,
    DateTimeOffset? ServiceUntil = null,
    string? ServiceReason = null,
    long? Version = null)
{
    /// <summary>The validated data, or every field error at once (camelCase field names).</summary>
    public (SiteData? Data, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        Limit(errors, "address", Address, 500);
        Limit(errors, "type", Type, 100);
        Limit(errors, "notes", Notes, 10_000);
        if (Latitude is < -90 or > 90 || Latitude is double.NaN)
        {
            errors["latitude"] = ["latitude is -90..90."];
        }

        if (Longitude is < -180 or > 180 || Longitude is double.NaN)
        {
            errors["longitude"] = ["longitude is -180..180."];
        }

        if ((Latitude is null) != (Longitude is null))
        {
            errors["latitude"] = ["latitude and longitude come together."];
        }

        var status = SiteStatus.Active;
        if (Status is not null && !EnumText.TryParse(Status, out status))
        {
            errors["status"] = [$"status is one of {string.Join(", ", EnumText.Names<SiteStatus>())}."];
        }

        ServiceMode? serviceMode = null;
        if (ServiceFrom is { } from)
        {
            if (string.IsNullOrWhiteSpace(ServiceReason) || ServiceReason.Length > 500)
            {
                errors["serviceReason"] = ["serviceReason is required with serviceFrom, at most 500 characters."];
            }
            else if (ServiceUntil is { } until && until <= from)
            {
                errors["serviceUntil"] = ["serviceUntil must be after serviceFrom."];
            }
            else
            {
                serviceMode = new ServiceMode(from, ServiceUntil, ServiceReason.Trim());
            }
        }
        else if (ServiceUntil is not null || ServiceReason is not null)
        {
            errors["serviceFrom"] = ["serviceFrom is required with serviceUntil or serviceReason."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new SiteData(name!, Empty(Address), Empty(Type), Latitude, Longitude, status, Empty(Notes), serviceMode), errors);
    }

    private static void Limit(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value?.Length > max)
        {
            errors[field] = [$"{field} is at most {max} characters."];
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
