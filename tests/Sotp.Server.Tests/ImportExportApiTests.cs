using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class ImportExportApiTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ADryRun_ReportsEveryBadRowByRowAndColumn_AndWritesNothing(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var before = await StoreSnapshot.TakeAsync(server.Store.Get<Store>());
        const string csv = "name,latitude,longitude,status\nGood,54.35,18.65,ACTIVE\n,1,2,ACTIVE\nBad,abc,18,OPEN\n";

        using var response = await admin.PostAsync("/api/v1/sites/import", Csv(csv));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(result.GetProperty("committed").GetBoolean());
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "name"), (4, "latitude"), (4, "status")], errors);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server.Store.Get<Store>()));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ACommitWithOneBadRow_Is422AndWritesNothing(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var before = await StoreSnapshot.TakeAsync(server.Store.Get<Store>());

        using var response = await admin.PostAsync("/api/v1/sites/import?commit=true", Csv("name,status\nA,ACTIVE\nB,WRONG\n"));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "import_rejected");

        Assert.Equal(3, problem.GetProperty("rows")[0].GetProperty("row").GetInt32());
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server.Store.Get<Store>()));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Devices_ResolveSitesByNameAndParentsFromEarlierRows_InOneCommit(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        (await admin.PostAsync("/api/v1/sites/import?commit=true", Csv("name\nGdańsk DC\n"))).EnsureSuccessStatusCode();
        const string devices = "site;name;kind;address;tags;parent;enabled\nGdańsk DC;core;ROUTER;10.1.0.1;core;;tak\nGdańsk DC;access-1;SWITCH;10.1.0.2;edge,floor1;core;1\n";

        using var response = await admin.PostAsync("/api/v1/devices/import?commit=true", Csv(devices));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/devices?q=10.1.0&sort=name");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["access-1", "core"], items.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(items[1].GetProperty("id").GetInt64(), items[0].GetProperty("parentId").GetInt64());
        Assert.Equal(["edge", "floor1"], items[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task AnUnknownSiteOrColumn_IsReported()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var unknownSite = await admin.PostAsync("/api/v1/devices/import", Csv("site,name,kind,address\nNowhere,x,SERVER,10.0.0.1\n"));
        using var unknownColumn = await admin.PostAsync("/api/v1/devices/import", Csv("site,name,kind,address,colour\n1,x,SERVER,10.0.0.1,red\n"));

        var siteError = Assert.Single((await unknownSite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal("site", siteError.GetProperty("column").GetString());
        var columnError = Assert.Single((await unknownColumn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal((1, "colour"), (columnError.GetProperty("row").GetInt32(), columnError.GetProperty("column").GetString()));
    }

    [Fact]
    public async Task AFileThatIsNoTable_Is400UnreadableFile()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var response = await admin.PostAsync("/api/v1/sites/import", new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "unreadable_file");
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnExport_ImportsIntoAnotherServerUnchanged(StoreProvider provider)
    {
        await using var source = await InMemoryServer.StartAsync(provider);
        var admin = await source.SignedInAsync("admin2", Role.Admin);
        (await admin.PostAsync("/api/v1/sites/import?commit=true", Csv("name,address,latitude,longitude,notes\n\"Bank, oddział 3\",ul. Długa 5,54.35,18.65,=cmd\n"))).EnsureSuccessStatusCode();
        var exported = await admin.GetByteArrayAsync("/api/v1/sites/export");

        await using var target = await InMemoryServer.StartAsync(provider);
        var targetAdmin = await target.SignedInAsync("admin2", Role.Admin);
        using var imported = await targetAdmin.PostAsync("/api/v1/sites/import?commit=true", new ByteArrayContent(exported));
        var sites = await targetAdmin.GetFromJsonAsync<JsonElement>("/api/v1/sites?q=bank");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var site = Assert.Single(sites.GetProperty("items").EnumerateArray());
        Assert.Equal("ul. Długa 5", site.GetProperty("address").GetString());
        Assert.Equal(54.35, site.GetProperty("latitude").GetDouble());
        // A formula-looking cell is exported defused, so it cannot run in a spreadsheet.
        Assert.Equal("'=cmd", site.GetProperty("notes").GetString());
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
