using System.Text.RegularExpressions;

namespace Sotp.Core.Sites;

/// <summary>One entry of a site's call list. The password a caller must give is a secret, referenced here, never stored here.</summary>
public sealed record SiteContact(string Name, string? Role, IReadOnlyList<string> Phones, string? Email, long? VerificationSecretId);

/// <summary>The steps an operator follows for one category of alarm at a site.</summary>
public sealed record SiteProcedure(string Category, IReadOnlyList<string> Steps);

public static partial class SiteContactRules
{
    public const int MaxContacts = 50;
    public const int MaxStepsPerCategory = 50;

    /// <summary>Every problem of a call list, keyed <c>contacts[i].field</c>.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<SiteContact>? contacts)
    {
        var errors = new Dictionary<string, string[]>();
        if (contacts is null || contacts.Count > MaxContacts)
        {
            errors["contacts"] = [$"contacts is a list of at most {MaxContacts}."];
            return errors;
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            if (contact is null || string.IsNullOrWhiteSpace(contact.Name) || contact.Name.Length > 200)
            {
                errors[$"contacts[{i}].name"] = ["name is required, at most 200 characters."];
                continue;
            }

            if (contact.Role?.Length > 100)
            {
                errors[$"contacts[{i}].role"] = ["role is at most 100 characters."];
            }

            if (contact.Phones is null || contact.Phones.Count > 5 || contact.Phones.Any(phone => phone is null || !PhonePattern().IsMatch(phone)))
            {
                errors[$"contacts[{i}].phones"] = ["phones: up to 5 numbers of digits, spaces, '+', '-', '(' and ')'."];
            }

            if (contact.Email is not null && !EmailPattern().IsMatch(contact.Email))
            {
                errors[$"contacts[{i}].email"] = ["email is not an e-mail address."];
            }
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(IReadOnlyList<SiteProcedure>? procedures)
    {
        var errors = new Dictionary<string, string[]>();
        if (procedures is null || procedures.Count > 100)
        {
            errors["procedures"] = ["procedures is a list of at most 100 categories."];
            return errors;
        }

        for (var i = 0; i < procedures.Count; i++)
        {
            var procedure = procedures[i];
            if (procedure is null || string.IsNullOrWhiteSpace(procedure.Category) || procedure.Category.Length > 100)
            {
                errors[$"procedures[{i}].category"] = ["category is required, at most 100 characters."];
            }
            else if (procedures.Take(i).Any(p => string.Equals(p?.Category, procedure.Category, StringComparison.OrdinalIgnoreCase)))
            {
                errors[$"procedures[{i}].category"] = ["each category appears once."];
            }

            if (procedure?.Steps is null || procedure.Steps.Count is 0 or > MaxStepsPerCategory || procedure.Steps.Any(step => string.IsNullOrWhiteSpace(step) || step.Length > 2000))
            {
                errors[$"procedures[{i}].steps"] = [$"steps: 1..{MaxStepsPerCategory} non-empty steps of at most 2000 characters."];
            }
        }

        return errors;
    }

    [GeneratedRegex(@"^\+?[0-9 ()\-]{3,24}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();
}
