using Microsoft.AspNetCore.Http;
using Sotp.Server.Web;

namespace Sotp.Server.Tests;

public class ConsoleCookieTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/devices/4", true)]
    [InlineData("/_blazor/negotiate", true)] // The live connection carries the page's user.
    [InlineData("/api/v1/devices", false)]
    [InlineData("/_framework/blazor.web.js", false)]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", false)]
    [InlineData("/app.abc123.css", false)]
    [InlineData("/alarm-critical.wav", false)]
    public void TheCookieIsRead_ForConsolePagesAndTheirLiveConnection_NotForTheApiOrStaticFiles(string path, bool read)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        Assert.Equal(read, ConsoleCookie.Applies(context));
    }
}
