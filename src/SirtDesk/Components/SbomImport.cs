using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.Standards.CycloneDx;
using SirtDesk.Standards.Osv;
using SirtDesk.Web;

namespace SirtDesk.Components;

public sealed record SbomImportResult(Sbom? Sbom, string? Error, int NewFindings)
{
    public bool Succeeded => Sbom is not null;
}

/// <summary>
/// Imports a CycloneDX 1.4–1.6 JSON SBOM for one product version: validated by the Standards parser (schema of its
/// version), then stored in one transaction, replacing the version's previous SBOM; a rejected file changes nothing. The
/// version is added to the product when it is not in the inventory yet (a build pipeline uploads before anyone types it).
/// Afterwards the version's components are matched against the stored advisories. A rejection's reason is in the
/// current UI language (the request's, or the process's for the CLI).
/// </summary>
public sealed class SbomImport(SirtDb db, TimeProvider clock, FindingMatcher matcher, IStringLocalizer<SharedResource> l)
{
    public const int MaxBytes = 64 * 1024 * 1024;

    public async Task<SbomImportResult> ImportAsync(Product product, string version, ReadOnlyMemory<byte> content, string actor, CancellationToken ct)
    {
        version = version.Trim();
        if (version.Length is 0 or > 64)
        {
            return new(null, l["Comp_SbomVersionLength"], 0);
        }
        var parsed = CycloneDxParser.Parse(content);
        if (parsed.Bom is not { } bom)
        {
            return new(null, Reason(parsed.Error!, l), 0);
        }
        var now = clock.GetUtcNow();
        Sbom? sbom = null;
        long versionId = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var pv = await db.Set<ProductVersion>().FirstOrDefaultAsync(v => v.ProductId == product.Id && v.Version == version, ct);
            if (pv is null)
            {
                pv = new ProductVersion { ProductId = product.Id, Version = version };
                db.Add(pv);
                await db.SaveChangesAsync(ct);
            }
            versionId = pv.Id;
            await db.Set<SbomComponent>().Where(c => c.ProductVersionId == pv.Id).ExecuteDeleteAsync(ct);
            await db.Set<Sbom>().Where(s => s.ProductVersionId == pv.Id).ExecuteDeleteAsync(ct);
            sbom = new Sbom
            {
                ProductVersionId = pv.Id,
                SpecVersion = bom.SpecVersion,
                SerialNumber = bom.SerialNumber is { Length: <= 128 } serial ? serial : null,
                ImportedAt = now,
                ImportedBy = actor,
                ComponentCount = bom.Components.Count,
            };
            db.Add(sbom);
            await db.SaveChangesAsync(ct);
            db.AddRange(bom.Components.Select(c => Row(sbom.Id, pv.Id, c)));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        var found = await matcher.MatchProductVersionsAsync([versionId], ct);
        return new(sbom, null, found);
    }

    /// <summary>
    /// The parser words its reasons in English (SirtDesk.Standards holds no resources); the kind and the values it
    /// names are worded here in the reader's language. The schema validator's own message is kept as a quoted detail.
    /// </summary>
    public static string Reason(SbomError error, IStringLocalizer l)
    {
        string V(int i) => i < error.Values.Count ? error.Values[i] : "";
        string text;
        switch (error.Kind)
        {
            case SbomErrorKind.NotJson:
                text = l["Comp_SbomNotJson", V(0), V(1)];
                break;
            case SbomErrorKind.NotObject:
                text = l["Comp_SbomNotObject"];
                break;
            case SbomErrorKind.BomFormat:
                text = l["Comp_SbomBomFormat"];
                break;
            case SbomErrorKind.SpecVersion:
                text = l["Comp_SbomSpecVersion", V(0)];
                break;
            case SbomErrorKind.DuplicateBomRef:
                text = l["Comp_SbomDuplicateRef", V(0)];
                break;
            default:
                var rule = l["Comp_SbomRule_" + V(2)];
                text = rule.ResourceNotFound ? l["Comp_SbomSchema", V(0)] : l["Comp_SbomSchemaRule", V(0), rule.Value];
                if (V(1).Length > 0)
                {
                    text = l["Comp_SbomValidatorMessage", text, V(1)];
                }
                break;
        }
        return $"{(error.Pointer.Length == 0 ? "/" : error.Pointer)}: {text}";
    }

    private static SbomComponent Row(long sbomId, long versionId, CycloneDxComponent c)
    {
        string? package = null, key = null;
        if (c.Purl is { } purl)
        {
            package = Standards.Purl.Purl.Create(purl.Type, purl.Namespace, purl.Name).ToString();
            key = OsvEcosystems.FromPurl(purl) is { } eco ? PackageKey.Of(eco.Ecosystem, eco.Name) : null;
        }
        return new SbomComponent
        {
            SbomId = sbomId,
            ProductVersionId = versionId,
            Purl = c.Purl is null ? null : c.PurlText,
            Package = package,
            PackageKey = key,
            Name = c.Name,
            Group = c.Group,
            Version = c.Version,
            Type = c.Type,
            BomRef = c.BomRef,
            Depth = Math.Max(0, CountOf(c.Pointer, "/components/") - 1),
        };
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
