using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Components;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Components;

public sealed class OsvImportTests
{
    private static async Task<OsvImportResult> ImportAsync(SirtDeskApp app, string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OsvImport>().ImportAsync(SirtDesk.Standards.Osv.OsvSource.Read(path), CancellationToken.None);
    }

    [Fact]
    public async Task Advisories_are_stored_once_and_only_a_newer_modified_replaces_them_while_withdrawn_ones_stay_marked()
    {
        await using var app = new SirtDeskApp();
        await app.InitializeAsync();
        var folder = OsvData.Folder(
            ("GHSA-aaaa-bbbb-cccc", OsvData.Advisory("GHSA-aaaa-bbbb-cccc", "2024-01-01T00:00:00Z", "npm", "left-pad", "0", "1.3.0", aliases: ["CVE-2024-0001"])),
            ("PYSEC-2024-1", OsvData.Advisory("PYSEC-2024-1", "2024-02-01T00:00:00Z", "PyPI", "Django_Utils", "1.0", "1.5", cvss: "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N")),
            ("GO-2024-0001", OsvData.Advisory("GO-2024-0001", "2024-03-01T00:00:00Z", "Go", "example.com/mod", "0", null, cvss: null)),
            ("broken", "{\"id\": \"X-1\"}"));

        var first = await ImportAsync(app, folder);
        var again = await ImportAsync(app, folder);
        var zip = OsvData.Zip(
            ("GHSA-aaaa-bbbb-cccc", OsvData.Advisory("GHSA-aaaa-bbbb-cccc", "2024-05-01T00:00:00Z", "npm", "left-pad", "0", "1.3.1", summary: "Corrected range", aliases: ["CVE-2024-0001"])),
            ("PYSEC-2024-1", OsvData.Advisory("PYSEC-2024-1", "2023-12-01T00:00:00Z", "PyPI", "Django_Utils", "1.0", "1.5", summary: "An older copy")),
            ("GO-2024-0001", OsvData.Advisory("GO-2024-0001", "2024-06-01T00:00:00Z", "Go", "example.com/mod", "0", null, cvss: null, withdrawn: "2024-06-01T00:00:00Z")));
        var update = await ImportAsync(app, zip);

        Assert.Equal((3, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.Single(first.Problems);
        Assert.StartsWith("broken.json", first.Problems[0], StringComparison.Ordinal);
        Assert.Equal((0, 0, 3), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal((0, 2, 1, 1), (update.Added, update.Updated, update.Unchanged, update.Withdrawn));

        var stored = await app.WithDbAsync(db => db.Set<OsvAdvisory>().OrderBy(a => a.OsvId).ToListAsync());
        Assert.Equal(["GHSA-aaaa-bbbb-cccc", "GO-2024-0001", "PYSEC-2024-1"], stored.Select(a => a.OsvId));
        var ghsa = stored[0];
        Assert.Equal("Corrected range", ghsa.Summary);
        Assert.Equal("CVE-2024-0001", ghsa.Aliases);
        Assert.Equal("critical", ghsa.Severity);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), ghsa.Modified);
        Assert.Contains("1.3.1", ghsa.Affected, StringComparison.Ordinal);
        Assert.True(stored[1].Withdrawn);
        Assert.Equal("unknown", stored[1].Severity);
        Assert.Equal("Problem in Django_Utils", stored[2].Summary);
        Assert.Equal("low", stored[2].Severity);
        var keys = await app.WithDbAsync(db => db.Set<OsvPackage>().Select(p => p.Key).OrderBy(k => k).ToListAsync());
        Assert.Equal(["Go|example.com/mod", "PyPI|django-utils", "npm|left-pad"], keys.Order(StringComparer.Ordinal));
    }
}
