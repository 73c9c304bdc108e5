namespace Sotp.Core.Devices;

public enum DeviceKind
{
    Router,
    Switch,
    Firewall,
    Server,
    AccessPoint,
    AlarmPanel,
    Sensor,
    Other,
}
