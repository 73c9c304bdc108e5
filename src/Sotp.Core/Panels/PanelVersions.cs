namespace Sotp.Core.Panels;

/// <summary>
/// What an alarm panel said about itself when the worker last connected: its type and firmware (Satel's 0x7E) and
/// its ETHM module's version (0x7C, null when the module refused it).
/// </summary>
/// <param name="PanelType">Satel's type code (67 = INTEGRA 128 PLUS); <paramref name="Model"/> is its name.</param>
/// <param name="FirmwareVersion">As a person reads it: <c>1.18 2019-03-21</c>.</param>
/// <param name="Language">The firmware's language code, as the panel sends it.</param>
public sealed record PanelVersions(
    long DeviceId,
    int PanelType,
    string Model,
    string FirmwareVersion,
    int Language,
    bool SettingsInFlash,
    string? ModuleVersion,
    bool? ModuleSupports256,
    DateTimeOffset ReadAt);
