using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Bcpg.OpenPgp;
using SirtDesk.Data;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Advisories;

/// <summary>
/// A published advisory as the outside sees it: the latest revision's text, its revisions and CSAF. It is held in a
/// shared snapshot while no publication or withdrawal happens, so of <see cref="Advisory"/> only what publication
/// fixes is current (<c>Number</c>, <c>Team</c>); draft-side fields may have changed since and must not be read here.
/// </summary>
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

/// <summary>
/// What identifies the published set cheaply, read on every request: the number of published advisories (a withdrawal
/// lowers it; withdrawal is final) and the highest revision id (every publication, first or update, adds a revision;
/// revisions are never edited or deleted). Read from the database, so another node's publication counts too.
/// </summary>
public sealed record PublishedStamp(int Advisories, long LastRevisionId);

/// <summary>
/// One immutable view of everything published, shared by all requests while its <see cref="Stamp"/> holds, and the
/// detached signatures made for it (one per revision and signing key). Its objects are never modified.
/// </summary>
public sealed class PublishedSnapshot
{
    private readonly ConcurrentDictionary<(long Revision, string Fingerprint), Lazy<string>> signatures;

    internal PublishedSnapshot(PublishedStamp stamp, IReadOnlyList<PublishedAdvisory> all, PublishedSnapshot? previous)
    {
        Stamp = stamp;
        All = all;
        // Revisions do not change: signatures of the revisions still served carry over to the new snapshot.
        var latest = all.Select(a => a.Latest.Id).ToHashSet();
        signatures = previous is null
            ? new()
            : new(previous.signatures.Where(s => latest.Contains(s.Key.Revision) && s.Value.IsValueCreated));
    }

    public PublishedStamp Stamp { get; }

    /// <summary>Newest first (current release, then number).</summary>
    public IReadOnlyList<PublishedAdvisory> All { get; }

    /// <summary>Revisions whose signature is held (for tests and diagnostics).</summary>
    public IReadOnlyCollection<long> SignedRevisions => [.. signatures.Keys.Select(k => k.Revision)];

    /// <summary>
    /// The armoured detached signature of the advisory's latest CSAF document by <paramref name="signer"/>, made the
    /// first time it is asked for and then reused. Signature time: the revision's release, or the key's creation when
    /// the key is newer (after a rotation; OpenPGP verifiers reject a signature older than its key).
    /// </summary>
    public string Signature(PublishedAdvisory advisory, PgpSecretKeyRing signer)
    {
        var key = signer.GetPublicKey();
        var fingerprint = Convert.ToHexString(key.GetFingerprint());
        var revision = advisory.Latest;
        var created = new DateTimeOffset(DateTime.SpecifyKind(key.CreationTime, DateTimeKind.Utc));
        var at = created > advisory.CurrentReleaseAt ? created : advisory.CurrentReleaseAt;
        return signatures.GetOrAdd((revision.Id, fingerprint), _ => new Lazy<string>(
            () => Mail.DetachedSignature.Sign(Encoding.UTF8.GetBytes(revision.CsafJson), signer, at))).Value;
    }
}

/// <summary>The process-wide (singleton) holder of the latest <see cref="PublishedSnapshot"/>.</summary>
public sealed class PublishedSnapshotCache
{
    private volatile PublishedSnapshot? current;

    public PublishedSnapshot? Current => current;

    internal void Store(PublishedSnapshot snapshot) => current = snapshot;
}

/// <summary>
/// Reads what is published (never drafts, never withdrawn advisories). Each call reads the <see cref="PublishedStamp"/>
/// (two small aggregate queries) and reuses the cached snapshot while it is unchanged; otherwise it loads the advisories
/// with their revisions and CSAF once and replaces the snapshot, so a publication or withdrawal shows at once.
/// </summary>
public sealed class PublishedAdvisories(SirtDb db, PublishedSnapshotCache cache)
{
    public async Task<PublishedSnapshot> SnapshotAsync(CancellationToken ct)
    {
        // The stamp is read before the advisories: a publication in between makes the next stamp differ (reload), never the reverse.
        var stamp = new PublishedStamp(
            await db.Set<Advisory>().CountAsync(a => a.Status == AdvisoryStatus.Published, ct),
            await db.Set<AdvisoryRevision>().MaxAsync(r => (long?)r.Id, ct) ?? 0);
        if (cache.Current is { } cached && cached.Stamp == stamp)
        {
            return cached;
        }
        var advisories = await db.Set<Advisory>().AsNoTracking().Include(a => a.Revisions)
            .Where(a => a.Status == AdvisoryStatus.Published).ToListAsync(ct);
        var all = advisories.Where(a => a.Revisions.Count > 0).Select(From)
            .OrderByDescending(p => p.CurrentReleaseAt).ThenByDescending(p => p.Number, StringComparer.Ordinal).ToList();
        var snapshot = new PublishedSnapshot(stamp, all, cache.Current);
        cache.Store(snapshot);
        return snapshot;
    }

    public async Task<IReadOnlyList<PublishedAdvisory>> AllAsync(CancellationToken ct) => (await SnapshotAsync(ct)).All;

    public async Task<PublishedAdvisory?> FindAsync(string number, CancellationToken ct) =>
        (await SnapshotAsync(ct)).All.FirstOrDefault(a => a.Number == number);

    private static PublishedAdvisory From(Advisory a)
    {
        var revisions = a.Revisions.OrderBy(r => r.Number).ToList();
        return new PublishedAdvisory(a, revisions[^1].Content, revisions);
    }
}
