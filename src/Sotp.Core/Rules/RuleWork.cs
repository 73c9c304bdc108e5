using Sotp.Core.Series;

namespace Sotp.Core.Rules;

/// <summary>One item for the evaluation loop: a point to evaluate, a clock tick, or a reload of the rules.</summary>
internal readonly record struct RuleWork(RuleWorkKind Kind, SeriesPoint Point);
