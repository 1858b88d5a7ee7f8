using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>
/// An RSA-4096 team key, an Ed25519 and an RSA-4096 sender key, made once per test class (RSA generation takes
/// seconds), and BouncyCastle-made messages to the team key.
/// </summary>
public sealed class RsaTeamKeys
{
    private readonly Lazy<PgpSecretKeyRing> rsaSender = new(() => OpenPgp.Generate("RSA reporter <rsa-reporter@example.org>", OpenPgp.Rsa4096, TimeProvider.System.GetUtcNow(), null));

    public PgpSecretKeyRing Team { get; } = OpenPgp.Generate("Team psirt <psirt@example.com>", OpenPgp.Rsa4096, TimeProvider.System.GetUtcNow(), null);
    public PgpSecretKeyRing Sender { get; } = OpenPgp.Generate("Reporter <reporter@example.org>", OpenPgp.Ed25519, TimeProvider.System.GetUtcNow(), null);
    public PgpSecretKeyRing RsaSender => rsaSender.Value;

    public PgpPublicKey EncryptionKey => Keyring.EncryptionKey(OpenPgp.PublicRing(Team))!;

    /// <summary>
    /// <paramref name="content"/> encrypted to the team key, one-pass signed by <paramref name="signer"/> (if any) over
    /// <paramref name="signed"/> (the content itself unless given: a different text makes a bad signature).
    /// </summary>
    public byte[] Encrypt(byte[] content, SymmetricKeyAlgorithmTag cipher = SymmetricKeyAlgorithmTag.Aes256, bool mdc = true, bool compress = true,
        PgpSecretKeyRing? signer = null, HashAlgorithmTag hash = HashAlgorithmTag.Sha256, int signatureType = PgpSignature.BinaryDocument, byte[]? signed = null)
    {
        var generator = new PgpEncryptedDataGenerator(cipher, mdc, new SecureRandom());
        generator.AddMethod(EncryptionKey);
        using var buffer = new MemoryStream();
        using (var encrypted = generator.Open(buffer, new byte[4096]))
        {
            var compressor = compress ? new PgpCompressedDataGenerator(CompressionAlgorithmTag.Zip) : null;
            var inner = compressor?.Open(encrypted) ?? encrypted;
            PgpSignatureGenerator? signature = null;
            if (signer is not null)
            {
                var key = signer.GetSecretKey();
                signature = new PgpSignatureGenerator(key.PublicKey.Algorithm, hash);
                signature.InitSign(signatureType, key.ExtractPrivateKey([]));
                signature.GenerateOnePassVersion(false).Encode(inner);
            }
            using (var literal = new PgpLiteralDataGenerator().Open(inner, PgpLiteralData.Binary, "", content.Length, DateTime.UnixEpoch))
            {
                literal.Write(content);
            }
            if (signature is not null)
            {
                signature.Update(signed ?? content);
                signature.Generate().Encode(inner);
            }
            if (compressor is not null)
            {
                inner.Dispose();
            }
        }
        return buffer.ToArray();
    }
}

/// <summary>
/// Messages to an RSA key decrypt through .NET's RSA (<see cref="RsaDecryption"/>) with exactly the results of the
/// BouncyCastle path: the same plaintext and signature state for valid mail, refusal of altered mail and of mail
/// without integrity protection, and BouncyCastle still doing what the fast path does not handle.
/// </summary>
public sealed class RsaDecryptionTests(RsaTeamKeys keys) : IClassFixture<RsaTeamKeys>
{
    private const long Max = 64L * 1024 * 1024;
    private static readonly byte[] Content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("脆弱性の報告: login form XSS, steps to reproduce follow.\r\n", 40)));

    private Keyring Keyring(params PgpPublicKeyRing[] partners) =>
        new([("psirt", keys.Team, true)], [OpenPgp.PublicRing(keys.Sender), .. partners]);

    /// <summary>What a path made of a message: the plaintext's hash and the signature state, or the refusal reason.</summary>
    private static string Outcome(Func<DecryptedMessage> decrypt)
    {
        try
        {
            var m = decrypt();
            return $"ok {Convert.ToHexString(SHA256.HashData(m.Plaintext))} {m.Signature} {m.SignerFingerprint}";
        }
        catch (UndecryptableException e)
        {
            return "refused: " + e.Message;
        }
    }

    private static (string Fast, string BouncyCastle) BothPaths(Keyring keyring, byte[] message) =>
        (Outcome(() => keyring.Decrypt(message, Max, TimeProvider.System.GetUtcNow())),
         Outcome(() => PgpMessages.Decrypt(message, keyring.PrivateKey, keyring.Signer, Max, TimeProvider.System.GetUtcNow())));

    /// <summary>Whether the .NET RSA path itself opens the message (rather than handing it to BouncyCastle).</summary>
    private static bool FastPathOpens(Keyring keyring, byte[] message)
    {
        var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(new MemoryStream(message)));
        var data = ((PgpEncryptedDataList)factory.NextPgpObject()).GetEncryptedDataObjects().OfType<PgpPublicKeyEncryptedData>().First();
        return RsaDecryption.TryOpen(data, keyring.RsaKey(data.KeyId)!) is not null;
    }

    private byte[] Encrypt(SymmetricKeyAlgorithmTag cipher = SymmetricKeyAlgorithmTag.Aes256, bool mdc = true, bool compress = true, bool sign = true) =>
        keys.Encrypt(Content, cipher, mdc, compress, sign ? keys.Sender : null);

    [Theory]
    [InlineData(SymmetricKeyAlgorithmTag.Aes256, true, true)]
    [InlineData(SymmetricKeyAlgorithmTag.Aes128, false, true)]
    [InlineData(SymmetricKeyAlgorithmTag.Aes192, true, false)]
    public void A_valid_message_gives_the_same_plaintext_and_signature_state_on_both_paths(SymmetricKeyAlgorithmTag cipher, bool compress, bool sign)
    {
        var keyring = Keyring();
        var message = Encrypt(cipher, compress: compress, sign: sign);

        var (fast, bouncyCastle) = BothPaths(keyring, message);

        Assert.True(FastPathOpens(keyring, message));
        Assert.Equal(bouncyCastle, fast);
        Assert.StartsWith($"ok {Convert.ToHexString(SHA256.HashData(Content))} {(sign ? SignatureStates.Valid : SignatureStates.None)}", fast, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plaintext_is_byte_for_byte_the_same()
    {
        var keyring = Keyring();
        var message = Encrypt();

        var fast = keyring.Decrypt(message, Max, TimeProvider.System.GetUtcNow());

        Assert.Equal(Content, fast.Plaintext);
        Assert.Equal(Convert.ToHexString(keys.Sender.GetPublicKey().GetFingerprint()), fast.SignerFingerprint);
    }

    [Theory]
    [InlineData("mdc")]
    [InlineData("signature")]
    [InlineData("middle")]
    public void A_flipped_byte_in_the_encrypted_content_is_refused_on_both_paths(string where)
    {
        var keyring = Keyring();
        var message = Encrypt();
        // The session key packet takes the first 527 octets (RSA-4096); the integrity-protected packet follows.
        message[where switch { "mdc" => message.Length - 1, "signature" => message.Length - 30, _ => 527 + (message.Length - 527) / 2 }] ^= 0x01;

        var (fast, bouncyCastle) = BothPaths(keyring, message);

        Assert.StartsWith("refused", bouncyCastle, StringComparison.Ordinal);
        Assert.Equal("refused: " + PgpMessages.MdcFailed, fast);
    }

    [Fact]
    public void A_flipped_byte_in_the_encrypted_session_key_is_refused_the_same_way_on_both_paths()
    {
        var keyring = Keyring();
        var message = Encrypt();
        message[200] ^= 0x01;

        var (fast, bouncyCastle) = BothPaths(keyring, message);

        Assert.StartsWith("refused", fast, StringComparison.Ordinal);
        Assert.Equal(bouncyCastle, fast);
    }

    [Fact]
    public void A_message_without_integrity_protection_is_refused_the_same_way_on_both_paths()
    {
        var keyring = Keyring();
        var message = Encrypt(mdc: false);

        var (fast, bouncyCastle) = BothPaths(keyring, message);

        Assert.Equal("refused: The message has no integrity protection (no MDC); it is refused (EFAIL).", fast);
        Assert.Equal(bouncyCastle, fast);
    }

    [Fact]
    public void A_cipher_other_than_AES_falls_back_to_BouncyCastle_with_the_same_result()
    {
        var keyring = Keyring();
        var message = Encrypt(SymmetricKeyAlgorithmTag.Cast5);

        var (fast, bouncyCastle) = BothPaths(keyring, message);

        Assert.False(FastPathOpens(keyring, message));
        Assert.StartsWith("ok", fast, StringComparison.Ordinal);
        Assert.Equal(bouncyCastle, fast);
    }

    [Fact]
    public void Decompression_stays_bounded_on_the_fast_path()
    {
        var keyring = Keyring();
        var message = Encrypt();

        var refused = Assert.Throws<UndecryptableException>(() => PgpMessages.Decrypt(message, keyring.PrivateKey, keyring.Signer, 100, TimeProvider.System.GetUtcNow(), keyring.RsaKey));

        Assert.Contains("compression bomb", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData()]
    [InlineData("--compress-algo", "none", "--cipher-algo", "AES128")]
    [InlineData("--armor", "--cipher-algo", "AES192")]
    public async Task Gpg_made_messages_give_the_same_results_on_both_paths(params string[] options)
    {
        using var gpg = new GnuPg();
        var peer = await gpg.GenerateKeyAsync("Peer <peer@example.org>");
        await gpg.ImportAsync(OpenPgp.Armor(OpenPgp.PublicRing(keys.Team)));
        var exported = await gpg.ExportAsync(peer);
        var keyring = Keyring(OpenPgp.ReadPublic(System.Text.Encoding.ASCII.GetBytes(exported))[0]);

        var made = await gpg.RunAsync(Content, ["--trust-model", "always", "--sign", "--encrypt", "-u", peer, "-r", "psirt@example.com", .. options, "--output", "-"]);
        Assert.True(made.ExitCode == 0, made.Errors);
        var (fast, bouncyCastle) = BothPaths(keyring, made.Output);

        Assert.True(FastPathOpens(keyring, made.Output));
        Assert.Equal(bouncyCastle, fast);
        Assert.Equal($"ok {Convert.ToHexString(SHA256.HashData(Content))} {SignatureStates.Valid} {peer}", fast);

        var tampered = made.Output.ToArray();
        tampered[tampered.Length / 2 + 300] ^= 0x20;
        var (fastTampered, bouncyCastleTampered) = BothPaths(keyring, tampered);
        Assert.StartsWith("refused", fastTampered, StringComparison.Ordinal);
        Assert.StartsWith("refused", bouncyCastleTampered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gpg_can_use_a_generated_secret_key_exported_in_binary()
    {
        // The unprotected secret key packets carry the two-octet checksum that RFC 4880 §5.5.3 asks for; with a
        // SHA-1 checksum in their place gpg refused to use the key ("Checksum error").
        using var gpg = new GnuPg();
        await gpg.ImportAsync(OpenPgp.Binary(keys.Team));

        var decrypted = await gpg.DecryptAsync(Encrypt(sign: false));

        Assert.True(decrypted.ExitCode == 0, decrypted.Errors);
        Assert.Equal(Content, decrypted.Output);
    }
}
