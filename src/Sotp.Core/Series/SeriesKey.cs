namespace Sotp.Core.Series;

/// <summary>
/// One series: a metric of a device, with labels that tell its instances apart ("if=ge-0/0/1"; empty when the
/// metric has one instance per device). Metric names are dotted lower-case words: <c>icmp.rtt_ms</c>.
/// </summary>
public sealed record SeriesKey(long DeviceId, string Metric, string Labels = "");
