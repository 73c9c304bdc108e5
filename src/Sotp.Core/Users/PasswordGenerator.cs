using System.Security.Cryptography;

namespace Sotp.Core.Users;

/// <summary>Generated passwords that a person can read off a console and type at 3 a.m.</summary>
public static class PasswordGenerator
{
    // No 0/O, 1/l/I: they are misread when typed from a printed line.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Four groups of five characters: about 116 bits of entropy.</summary>
    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 20);
        return string.Join('-', Enumerable.Range(0, 4).Select(group => new string(chars, group * 5, 5)));
    }
}
