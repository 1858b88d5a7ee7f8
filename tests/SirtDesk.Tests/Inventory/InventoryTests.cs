using System.Net;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Inventory;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Inventory;

public sealed class InventoryTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private async Task<HttpClient> StaffAsync(string role, string team = "psirt")
    {
        var email = $"inv-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(email, role, team);
        return await app.SignInAsync(email);
    }

    private static Dictionary<string, string> Product(string key, string team = "psirt", string nameJa = "雲川グループウェア", string nameEn = "Kumogawa Groupware") => new()
    {
        ["key"] = key,
        ["kind"] = "product",
        ["nameJa"] = nameJa,
        ["nameEn"] = nameEn,
        ["team"] = team,
        ["lifecycle"] = "supported",
        ["endOfLife"] = "",
        ["exposure"] = "on-premise",
        ["deployment"] = "wide",
    };

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_coordinator_registers_a_product_with_versions_and_sees_its_triage_facts()
    {
        var coordinator = await StaffAsync("Coordinator");
        var key = "groupware-" + Tag();
        var created = await coordinator.PostFormAsync("/staff/inventory?handler=Create", Product(key), formPage: "/staff/inventory");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var version = await coordinator.PostFormAsync($"/staff/inventory/{key}?handler=Version",
            new() { ["version"] = "5.2.1", ["releasedOn"] = "2026-04-01", ["lifecycle"] = "supported", ["endOfLife"] = "" }, formPage: $"/staff/inventory/{key}");
        Assert.Equal(HttpStatusCode.Redirect, version.StatusCode);
        // The same name again updates that version rather than adding a second one.
        await coordinator.PostFormAsync($"/staff/inventory/{key}?handler=Version",
            new() { ["version"] = "5.2.1", ["releasedOn"] = "2026-04-01", ["lifecycle"] = "end-of-life", ["endOfLife"] = "2027-03-31" }, formPage: $"/staff/inventory/{key}");

        var edit = Product(key, nameEn: "Kumogawa Groupware Classic");
        edit["lifecycle"] = "end-of-life";
        edit["endOfLife"] = "2028-03-31";
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"/staff/inventory/{key}", edit)).StatusCode);
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/staff/inventory/{key}"));
        Assert.Contains("雲川グループウェア", page, StringComparison.Ordinal);
        Assert.Contains("オンプレミス製品のみ", page, StringComparison.Ordinal);   // the severity policy's label for on-premise
        Assert.Contains("多数の顧客が利用", page, StringComparison.Ordinal);
        Assert.Contains("2027-03-31", page, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Set<Product>().Include(p => p.Versions).SingleAsync(p => p.Key == key));
        Assert.Equal(("psirt", "Kumogawa Groupware Classic", Lifecycles.EndOfLife, new DateOnly(2028, 3, 31)), (stored.Team, stored.NameEn, stored.Lifecycle, stored.EndOfLife));
        var only = Assert.Single(stored.Versions);
        Assert.Equal((Lifecycles.EndOfLife, new DateOnly(2027, 3, 31), new DateOnly(2026, 4, 1)), (only.Lifecycle, only.EndOfLife, only.ReleasedOn));
        Assert.Equal("on-premise", InventoryFacts.TriageFactors(stored)["exposure"]);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_and_nothing_is_stored()
    {
        var coordinator = await StaffAsync("Coordinator");
        var key = "bad-" + Tag();
        var input = Product(key);
        input["exposure"] = "the-moon";
        input["lifecycle"] = "end-of-life";
        var refused = await coordinator.PostFormAsync("/staff/inventory?handler=Create", input, formPage: "/staff/inventory");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("exposure: 深刻度ポリシーの露出の選択肢にありません", html, StringComparison.Ordinal);
        Assert.Contains("end_of_life: サポート終了にはサポート終了日が必要です", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Set<Product>().AnyAsync(p => p.Key == key)));
    }

    [Fact]
    public async Task Only_administrators_and_the_teams_coordinators_edit_and_other_teams_do_not_see_it()
    {
        var coordinator = await StaffAsync("Coordinator");
        var key = "rights-" + Tag();
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync("/staff/inventory?handler=Create", Product(key), formPage: "/staff/inventory")).StatusCode);

        // A coordinator may not put a product into a team they do not belong to.
        var elsewhere = await coordinator.PostFormAsync("/staff/inventory?handler=Create", Product("elsewhere-" + Tag(), team: "csirt"), formPage: "/staff/inventory");
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("このチームの製品を編集する権限がありません", WebUtility.HtmlDecode(await elsewhere.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // An analyst of the team reads but does not edit.
        var analyst = await StaffAsync("Analyst");
        var page = await analyst.GetStringAsync($"/staff/inventory/{key}");
        Assert.DoesNotContain("handler=Version", page, StringComparison.Ordinal);
        var token = HttpClientForms.Token(await analyst.GetStringAsync("/staff/inventory"));
        var post = await analyst.PostAsync($"/staff/inventory/{key}?handler=Version", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = "9.9",
            ["lifecycle"] = "supported",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("/staff/denied", post.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ProductVersion>().CountAsync(v => v.Product!.Key == key)));

        // Another team's coordinator: the product does not exist for them.
        var other = await StaffAsync("Coordinator", "csirt");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/staff/inventory/{key}")).StatusCode);
        Assert.DoesNotContain(key, await other.GetStringAsync("/staff/inventory"), StringComparison.Ordinal);
        Assert.DoesNotContain(key, await other.GetStringAsync("/staff/inventory.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inventory_survives_a_csv_round_trip_and_a_bad_csv_changes_nothing()
    {
        var coordinator = await StaffAsync("Coordinator");
        var tag = Tag();
        var csv = $"""
            key,kind,name_ja,name_en,team,lifecycle,end_of_life,exposure,deployment,version,released_on,version_lifecycle,version_end_of_life
            gw-{tag},product,雲川グループウェア,"Kumogawa, Groupware",psirt,supported,,on-premise,wide,5.2.1,2026-04-01,supported,
            gw-{tag},product,雲川グループウェア,"Kumogawa, Groupware",psirt,supported,,on-premise,wide,4.0,2024-01-10,end-of-life,2026-01-31
            cloud-{tag},service,雲川クラウド,=HYPERLINK("x"),psirt,supported,,cloud,typical,,,,
            """;
        var imported = await coordinator.PostFormAsync("/staff/inventory?handler=Import", new() { ["text"] = csv }, formPage: "/staff/inventory");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        var export = await coordinator.GetAsync("/staff/inventory.csv");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains($"gw-{tag},product,雲川グループウェア,\"Kumogawa, Groupware\",psirt,supported,,on-premise,wide,5.2.1,2026-04-01,supported,\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"gw-{tag},product,雲川グループウェア,\"Kumogawa, Groupware\",psirt,supported,,on-premise,wide,4.0,2024-01-10,end-of-life,2026-01-31\r\n", text, StringComparison.Ordinal);
        // A name that a spreadsheet would run as a formula is exported inert.
        Assert.Contains($"cloud-{tag},service,雲川クラウド,\"'=HYPERLINK(\"\"x\"\")\",psirt,supported,,cloud,typical,,,,\r\n", text, StringComparison.Ordinal);
        Assert.Equal("=HYPERLINK(\"x\")", await app.WithDbAsync(db => db.Set<Product>().Where(p => p.Key == $"cloud-{tag}").Select(p => p.NameEn).SingleAsync()));

        var counts = () => app.WithDbAsync(async db => (await db.Set<Product>().CountAsync(), await db.Set<ProductVersion>().CountAsync()));
        var before = await counts();
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync("/staff/inventory?handler=Import", new() { ["text"] = text }, formPage: "/staff/inventory")).StatusCode);
        Assert.Equal(before, await counts());

        var bad = $"""
            key,kind,name_ja,name_en,team,lifecycle,end_of_life,exposure,deployment,version,released_on,version_lifecycle,version_end_of_life
            good-{tag},product,良い製品,Good,psirt,supported,,on-premise,typical,1.0,2026-01-01,supported,
            Bad Key,product,悪い製品,Bad,psirt,supported,,on-premise,typical,,,,
            other-{tag},service,他チーム,Other,csirt,supported,,cloud,typical,,,,
            date-{tag},product,日付,Date,psirt,end-of-life,2026-13-01,on-premise,typical,1.0,yesterday,supported,
            """;
        var refused = await coordinator.PostFormAsync("/staff/inventory?handler=Import", new() { ["text"] = bad }, formPage: "/staff/inventory");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("3 行目 key", html, StringComparison.Ordinal);
        Assert.Contains("4 行目 team: このチームの製品を編集する権限がありません", html, StringComparison.Ordinal);
        Assert.Contains("5 行目 end_of_life", html, StringComparison.Ordinal);
        Assert.Contains("5 行目 released_on", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2 行目", html, StringComparison.Ordinal);
        Assert.Equal(before, await counts());

    }

    [Fact]
    public async Task An_inventory_csv_over_4_mib_is_refused_as_too_large_in_the_users_language_and_changes_nothing()
    {
        var coordinator = await StaffAsync("Coordinator");
        var tag = Tag();
        const string header = "key,kind,name_ja,name_en,team,lifecycle,end_of_life,exposure,deployment,version,released_on,version_lifecycle,version_end_of_life";
        var file = HttpClientForms.CsvOverImportLimit(header, $"big-{tag},product,大きい製品,Big,psirt,supported,,on-premise,wide,1.0,2026-01-01,supported,");
        Assert.True(file.Length > 4 * 1024 * 1024);
        // The text box holds a valid CSV too: the chosen file must not be silently replaced by it.
        var text = $"{header}\r\npasted-{tag},product,貼り付け,Pasted,psirt,supported,,on-premise,wide,,,,\r\n";
        var counts = () => app.WithDbAsync(async db => (await db.Set<Product>().CountAsync(), await db.Set<ProductVersion>().CountAsync()));
        var before = await counts();

        var refused = await coordinator.UploadCsvAsync("/staff/inventory", file, text);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("ファイルが取り込みの上限 4 MiB を超えています。何も取り込んでいません。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("CSV ファイルを選ぶか", html, StringComparison.Ordinal);

        coordinator.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        refused = await coordinator.UploadCsvAsync("/staff/inventory", file, text);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The file is larger than 4 MiB, the limit for an import. Nothing was imported", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(before, await counts());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Product>().CountAsync(p => p.Key == $"big-{tag}" || p.Key == $"pasted-{tag}")));
    }

    [Fact]
    public async Task A_hostile_name_is_stored_verbatim_and_shown_inert()
    {
        var admin = await StaffAsync("Administrator");
        var key = "xss-" + Tag();
        var hostile = "<script>alert('x')</script>, \"quoted\"; 改行";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/staff/inventory?handler=Create", Product(key, nameJa: hostile, nameEn: hostile), formPage: "/staff/inventory")).StatusCode);
        var page = await admin.GetStringAsync($"/staff/inventory/{key}");
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Equal(hostile, await app.WithDbAsync(db => db.Set<Product>().Where(p => p.Key == key).Select(p => p.NameJa).SingleAsync()));
    }
}
