using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SirtDesk.Mail;
using SirtDesk.Standards.SecurityTxt;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>
/// The team keys as the outside world finds them, checked with GnuPG as the peer: /pgp/{fingerprint}.asc, the Web
/// Key Directory (paths from gpg-wks-client), the description page, and security.txt clear-signed (RFC 9116 §2.3).
/// </summary>
public sealed class KeyPublicationTests
{
    private static async Task<TeamKey> GenerateAsync(SirtDeskApp app, string team, string email, string algorithm = OpenPgp.Ed25519)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeamKeys>().GenerateAsync(team, $"Team {team} <{email}>", algorithm, null, CancellationToken.None);
    }

    private static async Task<string> VerifiedSignerAsync(GnuPg gpg, string signedText)
    {
        var verified = await gpg.VerifyClearSignedAsync(signedText);
        Assert.True(verified.ExitCode == 0, verified.Errors);
        Assert.True(verified.Has("GOODSIG"), verified.Status);
        return verified.ValidSigner!;
    }

    [Fact]
    public async Task Security_txt_is_unsigned_without_keys_then_clear_signed_once_by_the_psirt_key_and_gpg_verifies_it()
    {
        await using var app = new SirtDeskApp();
        await app.InitializeAsync();
        using var gpg = new GnuPg();

        var unsigned = await app.Anonymous().GetStringAsync("/.well-known/security.txt");
        Assert.DoesNotContain("BEGIN PGP", unsigned, StringComparison.Ordinal);
        Assert.DoesNotContain("Encryption:", unsigned, StringComparison.Ordinal);

        var key = await GenerateAsync(app, "psirt", "psirt@example.com");
        var signed = await app.Anonymous().GetStringAsync("/.well-known/security.txt");

        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", signed, StringComparison.Ordinal);
        Assert.Equal(2, signed.Split("-----BEGIN PGP SIGNATURE-----").Length);
        Assert.Contains($"Encryption: {SirtDeskApp.BaseUrl}/pgp/{key.Fingerprint}.asc", signed, StringComparison.Ordinal);
        Assert.Empty(SecurityTxtDocument.Validate(signed, TimeProvider.System.GetUtcNow()));
        await gpg.ImportAsync(key.PublicArmored);
        Assert.Equal(key.Fingerprint, await VerifiedSignerAsync(gpg, signed));

        // One changed character in the signed text breaks the signature.
        var tampered = signed.Replace("Expires: ", "Expires:  ", StringComparison.Ordinal);
        Assert.True((await gpg.VerifyClearSignedAsync(tampered)).Has("BADSIG"));
    }

    [Fact]
    public async Task The_signing_team_is_configurable_and_falls_back_to_the_first_team_with_a_key()
    {
        await using var app = new SirtDeskApp();
        await app.InitializeAsync();
        using var gpg = new GnuPg();

        // psirt (the default signer) has no key yet: csirt's key signs.
        var csirt = await GenerateAsync(app, "csirt", "security@example.com");
        await gpg.ImportAsync(csirt.PublicArmored);
        Assert.Equal(csirt.Fingerprint, await VerifiedSignerAsync(gpg, await app.Anonymous().GetStringAsync("/.well-known/security.txt")));

        var psirt = await GenerateAsync(app, "psirt", "psirt@example.com");
        await gpg.ImportAsync(psirt.PublicArmored);
        Assert.Equal(psirt.Fingerprint, await VerifiedSignerAsync(gpg, await app.Anonymous().GetStringAsync("/.well-known/security.txt")));

        await using var configured = new SirtDeskApp { Settings = { ["SecurityTxt:SigningTeam"] = "csirt" } };
        await configured.InitializeAsync();
        var c2 = await GenerateAsync(configured, "csirt", "security@example.com");
        await GenerateAsync(configured, "psirt", "psirt@example.com");
        await gpg.ImportAsync(c2.PublicArmored);
        var text = await configured.Anonymous().GetStringAsync("/.well-known/security.txt");
        Assert.Equal(c2.Fingerprint, await VerifiedSignerAsync(gpg, text));
        Assert.Equal(2, text.Split("Encryption: ").Length - 1);
    }

    [Theory]
    [InlineData(OpenPgp.Ed25519)]
    [InlineData(OpenPgp.Rsa4096)]
    public async Task Gpg_imports_the_key_from_the_asc_url_and_from_the_web_key_directory_path_gpg_wks_client_computes(string algorithm)
    {
        await using var app = new SirtDeskApp();
        await app.InitializeAsync();
        using var gpg = new GnuPg();
        var key = await GenerateAsync(app, "psirt", "psirt@example.com", algorithm);

        var asc = await app.Anonymous().GetAsync($"/pgp/{key.Fingerprint}.asc");
        Assert.Equal(HttpStatusCode.OK, asc.StatusCode);
        Assert.Equal("application/pgp-keys", asc.Content.Headers.ContentType!.MediaType);

        var url = await GnuPg.WkdAsync("--print-wkd-url", "psirt@example.com");
        var advanced = new Uri(url);
        var direct = "/.well-known/openpgpkey/hu/" + advanced.AbsolutePath.Split('/')[^1] + advanced.Query;
        foreach (var path in new[] { advanced.PathAndQuery, direct })
        {
            var response = await app.Anonymous().GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var peer = new GnuPg();
            await peer.ImportAsync(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(key.Fingerprint, await peer.FingerprintAsync("psirt@example.com"));
        }
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/.well-known/openpgpkey/policy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/.well-known/openpgpkey/hu/" + OpenPgp.WkdHash("nobody"))).StatusCode);

        var page = await app.Anonymous().GetStringAsync("/en/");
        Assert.Contains(new KeyFacts(key.Fingerprint, key.KeyId, key.Algorithm, key.UserId, null, key.CreatedAt, null).Spaced, page, StringComparison.Ordinal);
        Assert.Contains(key.KeyId, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_key_stays_published_for_the_overlap_and_keeps_decrypting()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
        await using var app = new SirtDeskApp { Clock = clock };
        await app.InitializeAsync();
        var old = await GenerateAsync(app, "psirt", "psirt@example.com");
        clock.Advance(TimeSpan.FromDays(300));
        var next = await GenerateAsync(app, "psirt", "psirt@example.com");

        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/pgp/{old.Fingerprint}.asc")).StatusCode);
        var text = await app.Anonymous().GetStringAsync("/.well-known/security.txt");
        Assert.Contains(next.Fingerprint, text, StringComparison.Ordinal);
        Assert.DoesNotContain(old.Fingerprint, text, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/pgp/{old.Fingerprint}.asc")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/pgp/{next.Fingerprint}.asc")).StatusCode);

        // Mail encrypted to the old key long ago still opens.
        await using var scope = app.Services.CreateAsyncScope();
        var keyring = await scope.ServiceProvider.GetRequiredService<TeamKeys>().KeyringAsync(CancellationToken.None);
        var oldRing = OpenPgp.ReadPublic(System.Text.Encoding.ASCII.GetBytes(old.PublicArmored)).Single();
        Assert.NotNull(keyring.PrivateKey(Keyring.EncryptionKey(oldRing)!.KeyId));
        Assert.Equal(next.Fingerprint, Convert.ToHexString(keyring.Current("psirt")!.GetPublicKey().GetFingerprint()));
    }
}
