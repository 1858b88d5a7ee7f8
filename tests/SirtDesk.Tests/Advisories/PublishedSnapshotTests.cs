using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Advisories;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Advisories;

/// <summary>
/// The published snapshot (one load of every advisory and its CSAF, reused while nothing changed) and the one
/// publishing key shared by security.txt and the CSAF signatures. Own fixture: the keys made here are this app's only ones.
/// </summary>
public sealed class PublishedSnapshotTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private const string Root = "/.well-known/csaf";

    private PublishedSnapshotCache Cache => app.Services.GetRequiredService<PublishedSnapshotCache>();

    private async Task WithdrawAsync(string number)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ops = scope.ServiceProvider.GetRequiredService<AdvisoryOperations>();
        Assert.Empty(await ops.WithdrawAsync((await ops.FindAsync(number, CancellationToken.None))!, "reviewer@example.com", "published in error", CancellationToken.None));
    }

    private async Task<(string Fingerprint, string PublicKey)> TeamKeyAsync(string team)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<SirtDesk.Mail.TeamKeys>().GenerateAsync(team, $"{team.ToUpperInvariant()} <{team}@example.com>", SirtDesk.Mail.OpenPgp.Ed25519, null, CancellationToken.None);
        return (key.Fingerprint, key.PublicArmored);
    }

    private static string FileOf(string index, string number) => index.Split('\n').Single(l => l.EndsWith("/" + number.ToLowerInvariant() + ".json", StringComparison.Ordinal));

    [Fact]
    public async Task Index_feed_and_pages_show_a_publication_or_withdrawal_at_once_and_reuse_the_snapshot_while_nothing_changed()
    {
        var anonymous = app.Anonymous();
        var a = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20101"));
        var index = await anonymous.GetStringAsync($"{Root}/white/index.txt");
        Assert.Contains("/" + a.ToLowerInvariant() + ".json\n", index, StringComparison.Ordinal);
        var snapshot = Cache.Current;
        Assert.NotNull(snapshot);
        Assert.Equal(index, await anonymous.GetStringAsync($"{Root}/white/index.txt"));
        Assert.Contains(a, await anonymous.GetStringAsync("/en/advisories"), StringComparison.Ordinal);
        Assert.Same(snapshot, Cache.Current);

        // Another publication: the next request sees it.
        var b = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20102"));
        index = await anonymous.GetStringAsync($"{Root}/white/index.txt");
        Assert.Contains("/" + b.ToLowerInvariant() + ".json\n", index, StringComparison.Ordinal);
        Assert.NotSame(snapshot, Cache.Current);
        var fileA = FileOf(index, a);

        // One withdrawn and another published in between: as many published advisories as before, and still seen.
        await WithdrawAsync(a);
        var c = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20103"));
        index = await anonymous.GetStringAsync($"{Root}/white/index.txt");
        Assert.DoesNotContain("/" + a.ToLowerInvariant() + ".json", index, StringComparison.Ordinal);
        Assert.Contains("/" + c.ToLowerInvariant() + ".json\n", index, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync($"{Root}/white/{fileA}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync($"/en/advisories/{a}")).StatusCode);

        // A withdrawal alone.
        await WithdrawAsync(b);
        Assert.DoesNotContain(b.ToLowerInvariant(), await anonymous.GetStringAsync($"{Root}/white/changes.csv"), StringComparison.Ordinal);
        Assert.DoesNotContain(b, await anonymous.GetStringAsync("/feed.atom"), StringComparison.Ordinal);
        Assert.DoesNotContain(b, await anonymous.GetStringAsync($"{Root}/white/csaf-feed-tlp-white.json"), StringComparison.Ordinal);

        // An update (new revision) is served at once too.
        await app.UpdateAsync(c, t => t with { Workarounds = new("更新してください。", "Please update now.") }, "Workaround");
        var fileC = FileOf(await anonymous.GetStringAsync($"{Root}/white/index.txt"), c);
        Assert.Contains("Please update now.", await anonymous.GetStringAsync($"{Root}/white/{fileC}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_txt_and_the_csaf_signatures_are_signed_by_the_same_key_made_once_per_revision()
    {
        var anonymous = app.Anonymous();
        using var gpg = new GnuPg();

        // Only the CSIRT has a key, the advisory is the PSIRT's: both still sign, with the CSIRT's key.
        var csirt = await TeamKeyAsync("csirt");
        await gpg.ImportAsync(csirt.PublicKey);
        var number = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20104"));
        Assert.Equal("psirt", await app.WithDbAsync(db => db.Set<Advisory>().Where(x => x.Number == number).Select(x => x.Team).SingleAsync()));
        var file = FileOf(await anonymous.GetStringAsync($"{Root}/white/index.txt"), number);
        var document = await anonymous.GetByteArrayAsync($"{Root}/white/{file}");
        var signature = await anonymous.GetByteArrayAsync($"{Root}/white/{file}.asc");
        Assert.Equal(csirt.Fingerprint, (await gpg.VerifyAsync(signature, document)).ValidSigner);
        Assert.Equal(csirt.Fingerprint, (await gpg.VerifyClearSignedAsync(await anonymous.GetStringAsync("/.well-known/security.txt"))).ValidSigner);

        // Made once and kept with the snapshot.
        var revision = await app.WithDbAsync(db => db.Set<AdvisoryRevision>().Where(r => db.Set<Advisory>().Any(x => x.Id == r.AdvisoryId && x.Number == number)).Select(r => r.Id).SingleAsync());
        Assert.Contains(revision, Cache.Current!.SignedRevisions);
        Assert.Equal(signature, await anonymous.GetByteArrayAsync($"{Root}/white/{file}.asc"));

        // The preferred team (psirt by default) gets a key: both switch to it, the cached signature is not served.
        var psirt = await TeamKeyAsync("psirt");
        await gpg.ImportAsync(psirt.PublicKey);
        var resigned = await anonymous.GetByteArrayAsync($"{Root}/white/{file}.asc");
        var verified = await gpg.VerifyAsync(resigned, document);
        Assert.True(verified.Has("GOODSIG"), verified.Status + verified.Errors);
        Assert.Equal(psirt.Fingerprint, verified.ValidSigner);
        Assert.Equal(psirt.Fingerprint, (await gpg.VerifyClearSignedAsync(await anonymous.GetStringAsync("/.well-known/security.txt"))).ValidSigner);
        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", Encoding.ASCII.GetString(resigned), StringComparison.Ordinal);
    }
}
