namespace Sotp.Core.Rules;

/// <summary>The enabled rules as loaded, indexed by metric, with the group memberships their scopes need.</summary>
internal sealed class RuleSet(IReadOnlyList<AlertRule> rules, IReadOnlyDictionary<long, HashSet<long>> groupMembers)
{
    public static readonly RuleSet Empty = new([], new Dictionary<long, HashSet<long>>());

    private readonly ILookup<string, AlertRule> _byMetric = rules.ToLookup(r => r.Metric, StringComparer.Ordinal);
    private readonly Dictionary<long, AlertRule> _byId = rules.ToDictionary(r => r.Id);

    public IEnumerable<AlertRule> ForMetric(string metric) => _byMetric[metric];

    public AlertRule? Get(long id) => _byId.GetValueOrDefault(id);

    public bool InScope(AlertRule rule, long deviceId, long siteId) => rule.Scope switch
    {
        RuleScope.AllDevices => true,
        RuleScope.Site => rule.ScopeId == siteId,
        RuleScope.Device => rule.ScopeId == deviceId,
        RuleScope.Group => rule.ScopeId is { } groupId && groupMembers.TryGetValue(groupId, out var members) && members.Contains(deviceId),
        _ => false,
    };
}
