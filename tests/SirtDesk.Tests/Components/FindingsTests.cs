using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Components;
using SirtDesk.Inventory;
using SirtDesk.Standards.CycloneDx;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Components;

public sealed class FindingsTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    /// <summary>A CycloneDX 1.5 BOM (shape of the spec's examples): top-level components, each with optional nested components.</summary>
    public static string Bom(params object[] components) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["bomFormat"] = "CycloneDX",
        ["specVersion"] = "1.5",
        ["serialNumber"] = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        ["version"] = 1,
        ["components"] = components,
    });

    public static object Library(string name, string version, string purl, params object[] nested) => nested.Length == 0
        ? new { type = "library", name, version, purl }
        : new { type = "framework", name, version, purl, components = nested };

    private async Task<Product> ProductAsync(string key, string team) => await app.WithDbAsync(async db =>
    {
        var product = new Product { Key = key, Kind = "product", NameJa = key, NameEn = key, Team = team, Exposure = "internet", Deployment = "many" };
        db.Add(product);
        await db.SaveChangesAsync();
        return product;
    });

    private async Task ImportOsvAsync(params (string Id, string Json)[] records)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OsvImport>().ImportAsync(SirtDesk.Standards.Osv.OsvSource.Read(OsvData.Folder(records)), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<FindingMatcher>().MatchAdvisoriesAsync(result.ChangedAdvisoryIds, CancellationToken.None);
    }

    private async Task<SbomImportResult> ImportSbomAsync(Product product, string version, string bom)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SbomImport>().ImportAsync(product, version, Encoding.UTF8.GetBytes(bom), "test", CancellationToken.None);
    }

    private async Task<HttpClient> ApiAsync(string email, string role, string team)
    {
        if (!await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)))
        {
            await app.CreateStaffAsync(email, role, team);
        }
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(email));
        return client;
    }

    private async Task<ClaimsPrincipal> UserAsync(string email, string role, params string[] teams)
    {
        if (!await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)))
        {
            await app.CreateStaffAsync(email, role, teams);
        }
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Email, email), new(ClaimTypes.Role, role)], "test"));
    }

    [Fact]
    public async Task A_bom_that_fails_its_schema_is_rejected_with_the_reason_and_nothing_is_stored()
    {
        var product = await ProductAsync("rejected-app", "psirt");
        var api = await ApiAsync("sbom-reject@example.com", "Coordinator", "psirt");
        // A component without the required "name" (bom-1.5.schema.json: component.required = [type, name]).
        var bad = """{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{"type":"library","version":"1.0.0","purl":"pkg:npm/left-pad@1.0.0"}]}""";

        var response = await api.PostAsync("/api/v1/products/rejected-app/versions/2.0/sbom", new StringContent(bad, Encoding.UTF8, "application/vnd.cyclonedx+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/components/0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The reason is worded in the request's language (Japanese by default), the title too.
        Assert.Equal("SBOM を受け付けませんでした（何も保存していません）。", problem.GetProperty("title").GetString());
        Assert.StartsWith("/components/0: CycloneDX 1.5 のスキーマ違反: 必須の項目がありません（検証器のメッセージ: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await (await api.PostAsync("/api/v1/products/rejected-app/versions/2.0/sbom", new StringContent(bad, Encoding.UTF8, "application/json"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The SBOM was rejected; nothing was stored.", english.GetProperty("title").GetString());
        Assert.StartsWith("/components/0: CycloneDX 1.5 schema violation: a required property is missing (validator: ", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ProductVersion>().CountAsync(v => v.ProductId == product.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SbomComponent>().CountAsync(c => c.ProductVersionId == 0 || c.Name == "left-pad")));
    }

    [Fact]
    public async Task Nested_components_are_stored_and_matched_after_either_import_and_the_api_answers_with_the_new_findings()
    {
        var product = await ProductAsync("nested-app", "psirt");
        await ImportOsvAsync(("GHSA-nest-0001-0001", OsvData.Advisory("GHSA-nest-0001-0001", "2024-01-01T00:00:00Z", "npm", "nested-dep", "0", "2.0.0")));
        var api = await ApiAsync("sbom-nested@example.com", "Analyst", "psirt");
        var bom = Bom(Library("framework-x", "1.0.0", "pkg:npm/framework-x@1.0.0",
            Library("nested-dep", "1.2.0", "pkg:npm/nested-dep@1.2.0"), Library("safe-dep", "1.0.0", "pkg:npm/safe-dep@1.0.0")));

        var response = await api.PostAsync("/api/v1/products/nested-app/versions/1.0/sbom", new StringContent(bom, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        await ImportOsvAsync(("GHSA-late-0001-0001", OsvData.Advisory("GHSA-late-0001-0001", "2024-02-01T00:00:00Z", "npm", "safe-dep", "0", "1.0.1")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, body.GetProperty("components").GetInt32());
        Assert.Equal(1, body.GetProperty("newFindings").GetInt32());
        var components = await app.WithDbAsync(db => db.Set<SbomComponent>().Where(c => c.Purl!.StartsWith("pkg:npm/")).Join(db.Set<ProductVersion>().Where(v => v.ProductId == product.Id), c => c.ProductVersionId, v => v.Id, (c, v) => c).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([0, 1, 1], components.Select(c => c.Depth));
        Assert.Equal("pkg:npm/nested-dep", components[1].Package);
        var findings = await app.WithDbAsync(db => db.Set<Finding>().Where(f => f.Team == "psirt" && (f.ComponentName == "nested-dep" || f.ComponentName == "safe-dep")).OrderBy(f => f.OsvId).ToListAsync());
        Assert.Equal(["GHSA-late-0001-0001", "GHSA-nest-0001-0001"], findings.Select(f => f.OsvId));
        Assert.All(findings, f => Assert.Equal(AnalysisStates.InTriage, f.State));
    }

    [Fact]
    public async Task A_bulk_decision_changes_only_the_findings_of_teams_the_user_acts_for_and_records_who_changed_what()
    {
        var ours = await ProductAsync("bulk-ours", "psirt");
        var theirs = await ProductAsync("bulk-theirs", "csirt");
        await ImportOsvAsync(("GHSA-bulk-0001-0001", OsvData.Advisory("GHSA-bulk-0001-0001", "2024-01-01T00:00:00Z", "npm", "bulk-lib", "0", "3.0.0", cvss: "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N")));
        var bom = Bom(Library("bulk-lib", "2.0.0", "pkg:npm/bulk-lib@2.0.0"));
        await ImportSbomAsync(ours, "1.0", bom);
        await ImportSbomAsync(ours, "1.1", Bom(Library("bulk-lib", "2.5.0", "pkg:npm/bulk-lib@2.5.0")));
        await ImportSbomAsync(theirs, "9.0", bom);
        var coordinator = await UserAsync("bulk-psirt@example.com", "Coordinator", "psirt");

        await using var scope = app.Services.CreateAsyncScope();
        var ops = scope.ServiceProvider.GetRequiredService<FindingOperations>();
        var result = await ops.BulkDecideAsync("pkg:npm/bulk-lib", null, new Decision(AnalysisStates.NotAffected, "code_not_reachable", "We never call the parser."), coordinator, CancellationToken.None);

        Assert.Equal(new BulkResult(2, 0, 1), result);
        var findings = await app.WithDbAsync(db => db.Set<Finding>().Where(f => f.OsvId == "GHSA-bulk-0001-0001").OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(3, findings.Count);
        Assert.All(findings.Where(f => f.Team == "psirt"), f => Assert.Equal((AnalysisStates.NotAffected, "code_not_reachable", "bulk-psirt@example.com"), (f.State, f.Justification, f.UpdatedBy)));
        var other = Assert.Single(findings, f => f.Team == "csirt");
        Assert.Equal((AnalysisStates.InTriage, null, "sirtdesk"), (other.State, other.Justification, other.UpdatedBy));
        var history = await app.WithDbAsync(db => db.Set<FindingEvent>().Where(e => e.Action == "decided" && findings.Select(f => f.Id).Contains(e.FindingId)).ToListAsync());
        Assert.Equal(2, history.Count);
        Assert.All(history, e => Assert.Equal(("bulk-psirt@example.com", AnalysisStates.InTriage, AnalysisStates.NotAffected), (e.Actor, e.OldState, e.NewState)));
        Assert.Equal("Comp_JustificationRequired", FindingOperations.Validate(new Decision(AnalysisStates.NotAffected, null, null)));
    }

    [Fact]
    public async Task A_finding_that_becomes_exploitable_at_high_severity_opens_a_linked_psirt_case_and_the_vex_export_is_schema_valid()
    {
        var product = await ProductAsync("vex-app", "psirt");
        await ImportOsvAsync(
            ("GHSA-crit-0001-0001", OsvData.Advisory("GHSA-crit-0001-0001", "2024-01-01T00:00:00Z", "PyPI", "crit-lib", "1.0", "1.9", aliases: ["CVE-2024-1111"])),
            ("GHSA-low0-0001-0001", OsvData.Advisory("GHSA-low0-0001-0001", "2024-01-01T00:00:00Z", "PyPI", "low-lib", "0", "5.0", cvss: "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N")));
        await ImportSbomAsync(product, "3.0", Bom(Library("crit-lib", "1.2", "pkg:pypi/crit-lib@1.2"), Library("low-lib", "4.0", "pkg:pypi/Low_Lib@4.0")));
        var analyst = await UserAsync("vex-analyst@example.com", "Analyst", "psirt");
        var findings = await app.WithDbAsync(db => db.Set<Finding>().Where(f => f.Purl.StartsWith("pkg:pypi/")).OrderBy(f => f.OsvId).ToListAsync());
        Assert.Equal(2, findings.Count);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ops = scope.ServiceProvider.GetRequiredService<FindingOperations>();
            Assert.True(await ops.DecideAsync(findings[0].Id, new Decision(AnalysisStates.Exploitable, null, "Reachable from the upload form."), analyst, CancellationToken.None));
            Assert.True(await ops.DecideAsync(findings[1].Id, new Decision(AnalysisStates.Exploitable, null, null), analyst, CancellationToken.None));
        }

        var crit = await app.WithDbAsync(db => db.Set<Finding>().SingleAsync(f => f.Id == findings[0].Id));
        var low = await app.WithDbAsync(db => db.Set<Finding>().SingleAsync(f => f.Id == findings[1].Id));
        Assert.NotNull(crit.CaseId);
        Assert.Null(low.CaseId);
        var @case = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == crit.CaseId));
        Assert.Equal("psirt", @case.Team);
        Assert.Contains("GHSA-crit-0001-0001", @case.Title, StringComparison.Ordinal);
        var opened = await app.WithDbAsync(db => db.Timeline.SingleAsync(t => t.CaseId == @case.Id && t.Action == "case.opened"));
        Assert.Contains("vex-app 3.0", opened.Detail, StringComparison.Ordinal);
        Assert.Contains("pkg:pypi/crit-lib@1.2", opened.Detail, StringComparison.Ordinal);

        var api = await ApiAsync("vex-reader@example.com", "Auditor", "psirt");
        var vex = await api.GetStringAsync("/api/v1/products/vex-app/versions/3.0/vex");
        var parsed = CycloneDxParser.Parse(vex);
        Assert.True(parsed.IsValid, parsed.Error?.ToString());
        using var doc = JsonDocument.Parse(vex);
        var vulns = doc.RootElement.GetProperty("vulnerabilities");
        Assert.Equal(2, vulns.GetArrayLength());
        Assert.Equal("exploitable", vulns[0].GetProperty("analysis").GetProperty("state").GetString());
        Assert.Equal("critical", vulns[0].GetProperty("ratings")[0].GetProperty("severity").GetString());
        var other = await ApiAsync("vex-other@example.com", "Coordinator", "csirt");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/products/vex-app/versions/3.0/vex")).StatusCode);
    }

    [Fact]
    public async Task An_sbom_file_over_64_MiB_is_refused_as_too_large_naming_the_limit_in_both_languages_and_nothing_changes()
    {
        await ProductAsync("big-sbom-app", "psirt");
        await app.CreateStaffAsync("findings-big@example.com", "Coordinator", "psirt");
        var staff = await app.SignInAsync("findings-big@example.com");
        // A valid BOM padded with JSON whitespace to one byte over the limit: only its size is wrong.
        var bom = Encoding.UTF8.GetBytes(Bom(Library("big-lib", "1.0.0", "pkg:npm/big-lib@1.0.0")));
        var file = new byte[SbomImport.MaxBytes + 1];
        Array.Fill(file, (byte)' ');
        bom.CopyTo(file, 0);

        async Task<string> UploadAsync()
        {
            var token = HttpClientForms.Token(await staff.GetStringAsync("/staff/findings"));
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("big-sbom-app"), "productKey" },
                { new StringContent("1.0"), "version" },
                { new ByteArrayContent(file), "file", "bom.json" },
            };
            var response = await staff.PostAsync("/staff/findings?handler=Sbom", form);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        var japanese = await UploadAsync();
        Assert.Contains("ファイルが大きすぎます（上限 64 MiB）。何も取り込んでいません。", japanese, StringComparison.Ordinal);
        Assert.DoesNotContain("CycloneDX JSON ファイル（64 MB まで）を選び", japanese, StringComparison.Ordinal);
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Contains("The file is too large (limit 64 MiB). Nothing was imported.", await UploadAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Set<ProductVersion>().AnyAsync(v => v.Product!.Key == "big-sbom-app")));
        Assert.False(await app.WithDbAsync(db => db.Set<SbomComponent>().AnyAsync(c => c.Name == "big-lib")));
    }

    [Fact]
    public async Task Staff_upload_an_sbom_see_its_findings_decide_in_bulk_and_a_rejected_upload_shows_the_reason_in_japanese()
    {
        await ProductAsync("page-app", "psirt");
        await ImportOsvAsync(("GHSA-page-0001-0001", OsvData.Advisory("GHSA-page-0001-0001", "2024-01-01T00:00:00Z", "Maven", "org.example:page-lib", "0", "2.0.0")));
        await app.CreateStaffAsync("findings-page@example.com", "Coordinator", "psirt");
        var staff = await app.SignInAsync("findings-page@example.com");

        async Task<HttpResponseMessage> UploadAsync(string version, string bom)
        {
            var token = HttpClientForms.Token(await staff.GetStringAsync("/staff/findings"));
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("page-app"), "productKey" },
                { new StringContent(version), "version" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(bom)), "file", "bom.json" },
            };
            return await staff.PostAsync("/staff/findings?handler=Sbom", form);
        }

        var uploaded = await UploadAsync("5.0", Bom(Library("page-lib", "1.5.0", "pkg:maven/org.example/page-lib@1.5.0")));
        var rejected = await UploadAsync("6.0", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"no-such-type\",\"name\":\"x\"}]}");
        var rejectedPage = await rejected.Content.ReadAsStringAsync();
        var list = await staff.GetStringAsync("/staff/findings?Product=page-app");
        var bulk = await staff.PostFormAsync("/staff/findings?handler=Bulk", new() { ["component"] = "pkg:maven/org.example/page-lib", ["state"] = "resolved", ["justification"] = "", ["detail"] = "Upgraded in 5.0.1" }, formPage: "/staff/findings");
        var after = await staff.GetStringAsync("/staff/findings?Product=page-app&State=resolved");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("SBOM を受け付けませんでした", rejectedPage, StringComparison.Ordinal);
        Assert.Contains("/components/0/type: CycloneDX 1.6 のスキーマ違反: 許されていない値です", rejectedPage, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Set<ProductVersion>().AnyAsync(v => v.Version == "6.0")));
        Assert.Contains("GHSA-page-0001-0001", list, StringComparison.Ordinal);
        Assert.Contains("pkg:maven/org.example/page-lib@1.5.0", list, StringComparison.Ordinal);
        // CVSS 9.8 in the OSV record: the severity reads in the page's language, in the list and in the filter.
        Assert.Contains("<td data-severity=\"critical\">緊急</td>", list, StringComparison.Ordinal);
        Assert.Contains("<option value=\"critical\">緊急</option>", list, StringComparison.Ordinal);
        Assert.Contains("<td data-severity=\"critical\">Critical</td>", await staff.GetStringAsync("/staff/findings?Product=page-app&culture=en&ui-culture=en"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        Assert.Contains("data-state=\"resolved\"", after, StringComparison.Ordinal);

        var comment = await staff.PostFormAsync("/staff/inventory/page-app/versions/5.0/components?handler=Comment", new() { ["id"] = (await app.WithDbAsync(db => db.Set<Finding>().Where(f => f.OsvId == "GHSA-page-0001-0001").Select(f => f.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = "<b>確認済み</b>" }, formPage: "/staff/inventory/page-app/versions/5.0/components");
        var version = await staff.GetStringAsync("/staff/inventory/page-app/versions/5.0/components");
        var vex = await staff.GetStringAsync("/staff/inventory/page-app/versions/5.0/components?handler=Vex");
        Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        Assert.Contains("&lt;b&gt;確認済み&lt;/b&gt;", version, StringComparison.Ordinal);
        Assert.Contains("· 緊急 ·", version, StringComparison.Ordinal);
        Assert.Contains("in_triage → resolved", version, StringComparison.Ordinal);
        Assert.Contains("<tr data-depth=\"0\"><td style=\"padding-left:0em\"> page-lib</td><td>1.5.0</td>", version, StringComparison.Ordinal);
        Assert.True(CycloneDxParser.Parse(vex).IsValid);
    }
}
