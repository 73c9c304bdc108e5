namespace Sotp.Core.Sites;

public enum SiteStatus
{
    Active,
    Service,
    Closed,
}
