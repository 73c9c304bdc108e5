namespace Sotp.Core.Rules;

/// <summary>Which devices a rule watches; every scope but <see cref="AllDevices"/> names one id.</summary>
public enum RuleScope
{
    AllDevices,
    Group,
    Site,
    Device,
}
