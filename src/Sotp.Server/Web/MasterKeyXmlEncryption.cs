using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Sotp.Core.Secrets;

namespace Sotp.Server.Web;

/// <summary>
/// Encrypts the console's cookie keys (web-keys/*.xml) under the master key, like every other secret at rest:
/// a copy of the data folder without master.key cannot forge or read a console session. After a master key
/// rotation the old cookie keys cannot be read: the console makes a new key and its users sign in again.
/// </summary>
/// <remarks>The cipher is looked up at first use, not when options are built: start-up checks (an unwritable data
/// folder, a bad master key) must get to report the problem first.</remarks>
internal sealed class MasterKeyXmlEncryptor(IServiceProvider services) : IXmlEncryptor
{
    internal const string Purpose = "web-keys";
    internal const string ElementName = "masterKeyEncrypted";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement(ElementName, services.GetRequiredService<SecretCipher>().Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose)), typeof(MasterKeyXmlDecryptor));
}

/// <summary>Reads what <see cref="MasterKeyXmlEncryptor"/> wrote; the key manager creates it with the service provider.</summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<SecretCipher>().UnprotectString(encryptedElement.Value, MasterKeyXmlEncryptor.Purpose));
}
