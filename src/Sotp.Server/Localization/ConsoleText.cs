namespace Sotp.Server.Localization;

/// <summary>
/// The console's texts. Keys are the English texts themselves, so English needs no resource file (the localizer
/// answers with the key) and a text missing from ConsoleText.pl.resx shows in English rather than as a code.
/// </summary>
public sealed class ConsoleText;
