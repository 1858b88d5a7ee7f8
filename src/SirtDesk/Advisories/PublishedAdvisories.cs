using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Advisories;

/// <summary>A published advisory as the outside sees it: the latest revision's text, its revisions and CSAF.</summary>
public sealed record PublishedAdvisory(Advisory Advisory, AdvisoryContent Content, IReadOnlyList<AdvisoryRevision> Revisions)
{
    public string Number => Advisory.Number;
    public AdvisoryRevision Latest => Revisions[^1];
    public DateTimeOffset InitialReleaseAt => Revisions[0].PublishedAt;
    public DateTimeOffset CurrentReleaseAt => Latest.PublishedAt;
    public bool IsPublic => Content.Tlp == "CLEAR";
    public string TlpFolder => CsafDocument.TlpFolder(Content.Tlp);
    public string FileName => CsafDocument.FileName(Number);

    /// <summary>The provider path below /.well-known/csaf/{tlp}/: YYYY/file.json, the year of the initial release (CSAF §7.1.11).</summary>
    public string YearPath => $"{InitialReleaseAt.UtcDateTime.Year}/{FileName}";

    public (string Vector, CvssScore Score, CvssSeverity Severity)? Cvss =>
        CvssVector.Parse(Content.CvssVector ?? "") is { IsValid: true } p && p.Vector.Score() is var s
            ? (p.Vector.ToString(), s.Base, s.SeverityOf(s.Base))
            : null;

    /// <summary>critical, high, medium, low, none; "" without a score.</summary>
    public string SeverityWord => Cvss is { } c ? CvssJson.SeverityName(c.Severity).ToLowerInvariant() : "";
}

/// <summary>Reads what is published (never drafts, never withdrawn advisories).</summary>
public sealed class PublishedAdvisories(SirtDb db)
{
    public async Task<IReadOnlyList<PublishedAdvisory>> AllAsync(CancellationToken ct)
    {
        var advisories = await db.Set<Advisory>().AsNoTracking().Include(a => a.Revisions)
            .Where(a => a.Status == AdvisoryStatus.Published).ToListAsync(ct);
        return [.. advisories.Where(a => a.Revisions.Count > 0).Select(From).OrderByDescending(p => p.CurrentReleaseAt).ThenByDescending(p => p.Number, StringComparer.Ordinal)];
    }

    public async Task<PublishedAdvisory?> FindAsync(string number, CancellationToken ct)
    {
        var a = await db.Set<Advisory>().AsNoTracking().Include(x => x.Revisions).FirstOrDefaultAsync(x => x.Number == number && x.Status == AdvisoryStatus.Published, ct);
        return a is null || a.Revisions.Count == 0 ? null : From(a);
    }

    private static PublishedAdvisory From(Advisory a)
    {
        var revisions = a.Revisions.OrderBy(r => r.Number).ToList();
        return new PublishedAdvisory(a, revisions[^1].Content, revisions);
    }
}
