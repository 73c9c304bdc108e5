namespace Sotp.Core.Users;

/// <summary>
/// Length over composition rules (NIST SP 800-63B): at least 12 characters, at most 128, not built from the
/// username, not one character repeated, and not one of the passwords everyone tries first.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "password1234", "qwertyuiop12", "administrator", "changeme1234", "passwordpassword",
        "qwertyuiopasdf", "111111111111", "123123123123", "haslo1234567", "zaq12wsxcde3", "1q2w3e4r5t6y",
    };

    /// <returns>Every reason the password is refused; empty when it is acceptable.</returns>
    public static IReadOnlyList<string> Check(string username, string password)
    {
        var problems = new List<string>();
        if (password.Length < MinimumLength)
        {
            problems.Add($"The password must have at least {MinimumLength} characters.");
        }

        if (password.Length > MaximumLength)
        {
            problems.Add($"The password must have at most {MaximumLength} characters.");
        }

        if (username.Length > 0 && password.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The password must not contain the username.");
        }

        if (password.Distinct().Count() < 4)
        {
            problems.Add("The password must use at least 4 different characters.");
        }

        if (Common.Contains(password))
        {
            problems.Add("The password is too common.");
        }

        return problems;
    }
}
