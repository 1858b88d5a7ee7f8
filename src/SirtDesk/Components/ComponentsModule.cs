using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Components;

public sealed record SbomImportResource(string Product, string Version, string SpecVersion, int Components, int NewFindings);

public static class ComponentsModule
{
    public static void AddComponents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ComponentsOptions>().Bind(builder.Configuration.GetSection("Components"))
            .Validate(o => FindingOperations.Severities.Contains(o.CaseSeverity), "Components:CaseSeverity must be critical, high, medium, low, none or unknown.")
            .ValidateOnStart();
        builder.Services.AddScoped<OsvImport>();
        builder.Services.AddScoped<FindingMatcher>();
        builder.Services.AddScoped<SbomImport>();
        builder.Services.AddScoped<FindingOperations>();
    }

    /// <summary>
    /// POST /api/v1/products/{key}/versions/{version}/sbom (body: the CycloneDX JSON) and
    /// GET /api/v1/products/{key}/versions/{version}/vex (the CycloneDX VEX of that version).
    /// </summary>
    public static void MapComponents(this WebApplication app)
    {
        // The server's default body limit (30 MB) is below an SBOM's 64 MiB: raised to twice that, so that a body
        // over 64 MiB still reaches the handler and gets its own 413 message (as on the upload page).
        app.MapPost("/api/v1/products/{key}/versions/{version}/sbom", ImportSbomAsync)
            .RequireAuthorization(Policies.ApiToken).WithTags("Components").WithName("ImportSbom").DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(2L * SbomImport.MaxBytes));
        app.MapGet("/api/v1/products/{key}/versions/{version}/vex", async Task<Results<ContentHttpResult, NotFound>> (string key, string version, HttpContext http, SirtDb db, StaffAccess access, FindingOperations findings, CancellationToken ct) =>
        {
            var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
            if (product is null || !await access.CanSeeTeamAsync(http.User, product.Team, ct))
            {
                return TypedResults.NotFound();
            }
            var pv = await db.Set<ProductVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ProductId == product.Id && v.Version == version, ct);
            if (pv is null)
            {
                return TypedResults.NotFound();
            }
            return TypedResults.Content(FindingOperations.Serialize(await findings.VexAsync(product, pv, ct)), "application/vnd.cyclonedx+json; charset=utf-8");
        }).RequireAuthorization(Policies.ApiToken).WithTags("Components").WithName("ExportVex");
    }

    private static async Task<Results<Created<SbomImportResource>, ProblemHttpResult, NotFound, ForbidHttpResult>> ImportSbomAsync(
        string key, string version, HttpContext http, SirtDb db, StaffAccess access, SbomImport import, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
        if (product is null || !await access.CanSeeTeamAsync(http.User, product.Team, ct))
        {
            return TypedResults.NotFound();
        }
        if (!StaffAccess.CanAct(http.User))
        {
            return TypedResults.Forbid();
        }
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > SbomImport.MaxBytes)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: l["Comp_SbomTooLarge"]);
            }
            body.Write(buffer, 0, read);
        }
        var result = await import.ImportAsync(product, version, body.GetBuffer().AsMemory(0, (int)body.Length), StaffAccess.Actor(http.User), ct);
        if (!result.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Comp_SbomRejectedTitle"], detail: result.Error);
        }
        return TypedResults.Created($"/api/v1/products/{Uri.EscapeDataString(product.Key)}/versions/{Uri.EscapeDataString(version.Trim())}/vex",
            new SbomImportResource(product.Key, version.Trim(), result.Sbom!.SpecVersion, result.Sbom.ComponentCount, result.NewFindings));
    }
}

/// <summary><c>sirtdesk osv import PATH</c> and <c>sirtdesk sbom import --product P --version V FILE</c>.</summary>
public static class ComponentVerbs
{
    public static async Task<int> OsvAsync(WebApplication app, CommandLine cli)
    {
        if (cli.VerbArgs.Count != 2 || cli.VerbArgs[0] != "import")
        {
            await Console.Error.WriteLineAsync("usage: sirtdesk osv import PATH      (a folder of OSV JSON files or a zip of them)");
            return Verbs.Usage;
        }
        var path = cli.VerbArgs[1];
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"sirtdesk: no folder or file at {path}.");
            return Verbs.DataError;
        }
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        OsvImportResult result;
        try
        {
            result = await scope.ServiceProvider.GetRequiredService<OsvImport>().ImportAsync(Standards.Osv.OsvSource.ReadParallel(path), CancellationToken.None);
        }
        catch (InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: {path} is neither a folder nor a zip file.");
            return Verbs.DataError;
        }
        var found = await scope.ServiceProvider.GetRequiredService<FindingMatcher>().MatchAdvisoriesAsync(result.ChangedAdvisoryIds, CancellationToken.None);
        foreach (var p in result.Problems)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: skipped {p}");
        }
        Console.WriteLine($"{result.Read} advisories read: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged (not newer), {result.Withdrawn} withdrawn; {result.Problems.Count} files skipped; {found} new findings.");
        return result.Problems.Count > 0 ? Verbs.Failed : Verbs.Ok;
    }

    public static async Task<int> SbomAsync(WebApplication app, CommandLine cli)
    {
        var product = cli.Option("--product");
        var version = cli.Option("--version");
        var file = cli.VerbArgs.Count > 0 ? cli.VerbArgs[^1] : null;
        if (cli.VerbArgs.Count != 6 || cli.VerbArgs[0] != "import" || string.IsNullOrWhiteSpace(product) || string.IsNullOrWhiteSpace(version) || file is null || file.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: sirtdesk sbom import --product KEY --version VERSION FILE   (CycloneDX 1.4-1.6 JSON; - reads stdin)\n       sirtdesk sbom match --sbom FILE --osv PATH");
            return Verbs.Usage;
        }
        byte[] content;
        try
        {
            if (file == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var copy = new MemoryStream();
                await stdin.CopyToAsync(copy);
                content = copy.ToArray();
            }
            else
            {
                content = await File.ReadAllBytesAsync(file);
            }
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: cannot read {file}: {e.Message}");
            return Verbs.DataError;
        }
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var target = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == product.Trim());
        if (target is null)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: no product '{product.Trim()}' in the inventory.");
            return Verbs.DataError;
        }
        var result = await scope.ServiceProvider.GetRequiredService<SbomImport>().ImportAsync(target, version, content, "cli", CancellationToken.None);
        if (!result.Succeeded)
        {
            var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
            await Console.Error.WriteLineAsync($"sirtdesk: {l["Comp_SbomRejected", result.Error!]}");
            return Verbs.DataError;
        }
        Console.WriteLine($"SBOM imported for {target.Key} {version.Trim()}: CycloneDX {result.Sbom!.SpecVersion}, {result.Sbom.ComponentCount} components, {result.NewFindings} new findings.");
        return Verbs.Ok;
    }
}
