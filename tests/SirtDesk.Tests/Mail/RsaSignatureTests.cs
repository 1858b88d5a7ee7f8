using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>
/// Signatures by an RSA key, checked with .NET's RSA (<see cref="SignatureCheck"/>), give the state BouncyCastle's own
/// one-pass verification gives: valid for every hash gpg uses, bad for a signature over other data, and text-mode
/// signatures and hashes .NET lacks still checked by BouncyCastle.
/// </summary>
public sealed class RsaSignatureTests(RsaTeamKeys keys) : IClassFixture<RsaTeamKeys>
{
    private const long Max = 64L * 1024 * 1024;
    private static readonly byte[] Content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Report: the reset link does not expire.\r\n", 50)));

    private Keyring Keyring(PgpPublicKeyRing signer) => new([("psirt", keys.Team, true)], [signer]);

    private string ProductSays(Keyring keyring, byte[] message) => keyring.Decrypt(message, Max, TimeProvider.System.GetUtcNow()).Signature;

    /// <summary>BouncyCastle alone: decrypt, then its one-pass verification with the signer's public key.</summary>
    private string BouncyCastleSays(byte[] message, PgpPublicKeyRing signer)
    {
        var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(new MemoryStream(message)));
        var data = ((PgpEncryptedDataList)factory.NextPgpObject()).GetEncryptedDataObjects().OfType<PgpPublicKeyEncryptedData>().First();
        var inner = new PgpObjectFactory(data.GetDataStream(keys.Team.GetSecretKey(data.KeyId).ExtractPrivateKey([])));
        var next = inner.NextPgpObject();
        if (next is PgpCompressedData compressed)
        {
            inner = new PgpObjectFactory(compressed.GetDataStream());
            next = inner.NextPgpObject();
        }
        var onePass = ((PgpOnePassSignatureList)next)[0];
        onePass.InitVerify(signer.GetPublicKey(onePass.KeyId));
        using var literal = new MemoryStream();
        ((PgpLiteralData)inner.NextPgpObject()).GetInputStream().CopyTo(literal);
        onePass.Update(literal.ToArray());
        return onePass.Verify(((PgpSignatureList)inner.NextPgpObject())[0]) ? SignatureStates.Valid : SignatureStates.Bad;
    }

    [Theory]
    [InlineData(HashAlgorithmTag.Sha256, PgpSignature.BinaryDocument)]
    [InlineData(HashAlgorithmTag.Sha512, PgpSignature.BinaryDocument)]
    [InlineData(HashAlgorithmTag.Sha384, PgpSignature.BinaryDocument)]
    [InlineData(HashAlgorithmTag.Sha1, PgpSignature.BinaryDocument)]
    [InlineData(HashAlgorithmTag.Sha224, PgpSignature.BinaryDocument)]   // no SHA-224 in .NET: BouncyCastle checks it
    [InlineData(HashAlgorithmTag.Sha256, PgpSignature.CanonicalTextDocument)] // text mode: BouncyCastle checks it
    public void A_good_RSA_signature_is_valid_as_BouncyCastle_says(HashAlgorithmTag hash, int signatureType)
    {
        var signer = OpenPgp.PublicRing(keys.RsaSender);
        var keyring = Keyring(signer);
        var message = keys.Encrypt(Content, signer: keys.RsaSender, hash: hash, signatureType: signatureType);

        var decrypted = keyring.Decrypt(message, Max, TimeProvider.System.GetUtcNow());

        Assert.Equal(SignatureStates.Valid, BouncyCastleSays(message, signer));
        Assert.Equal(SignatureStates.Valid, decrypted.Signature);
        Assert.Equal(Convert.ToHexString(signer.GetPublicKey().GetFingerprint()), decrypted.SignerFingerprint);
    }

    [Theory]
    [InlineData(PgpSignature.BinaryDocument)]
    [InlineData(PgpSignature.CanonicalTextDocument)]
    public void An_RSA_signature_over_other_data_is_bad_as_BouncyCastle_says(int signatureType)
    {
        var signer = OpenPgp.PublicRing(keys.RsaSender);
        var keyring = Keyring(signer);
        var message = keys.Encrypt(Content, signer: keys.RsaSender, signatureType: signatureType, signed: Encoding.UTF8.GetBytes("something else"));

        Assert.Equal(SignatureStates.Bad, BouncyCastleSays(message, signer));
        Assert.Equal(SignatureStates.Bad, ProductSays(keyring, message));
    }

    [Theory]
    [InlineData()]
    [InlineData("--digest-algo", "SHA256")]
    [InlineData("--textmode")]
    public async Task Gpg_made_RSA_signatures_are_valid_as_BouncyCastle_says(params string[] options)
    {
        using var gpg = new GnuPg();
        foreach (var key in new[] { OpenPgp.Binary(keys.RsaSender), Encoding.ASCII.GetBytes(OpenPgp.Armor(OpenPgp.PublicRing(keys.Team))) })
        {
            await gpg.ImportAsync(key);
        }
        var signer = OpenPgp.PublicRing(keys.RsaSender);
        var keyring = Keyring(signer);

        var made = await gpg.RunAsync(Content, ["--trust-model", "always", "--sign", "--encrypt", "-u", "rsa-reporter@example.org", "-r", "psirt@example.com", .. options, "--output", "-"]);
        Assert.True(made.ExitCode == 0, made.Errors);

        Assert.Equal(SignatureStates.Valid, BouncyCastleSays(made.Output, signer));
        Assert.Equal(SignatureStates.Valid, ProductSays(keyring, made.Output));
    }

    [Fact]
    public void An_RSA_signature_by_a_key_we_do_not_hold_is_unknown_key()
    {
        var keyring = new Keyring([("psirt", keys.Team, true)], []);
        var message = keys.Encrypt(Content, signer: keys.RsaSender);

        Assert.Equal(SignatureStates.UnknownKey, ProductSays(keyring, message));
    }
}
