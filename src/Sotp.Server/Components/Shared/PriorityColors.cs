using MudBlazor;
using Sotp.Core.Events;

namespace Sotp.Server.Components.Shared;

/// <summary>One colour per priority, the same on the overview and in the alarm console.</summary>
public static class PriorityColors
{
    public static Color Of(EventPriority priority) => priority switch
    {
        EventPriority.Critical => Color.Error,
        EventPriority.High => Color.Warning,
        EventPriority.Medium => Color.Info,
        EventPriority.Low => Color.Success,
        _ => Color.Default,
    };
}
