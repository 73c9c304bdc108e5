namespace Sotp.Core.Rules;

internal enum RuleWorkKind
{
    Point,
    Tick,
    Reload,
}
