using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace SirtDesk.Mail;

/// <summary>Why an encrypted message could not be read; the message goes to quarantine with this reason.</summary>
public sealed class UndecryptableException(string reason) : Exception(reason);

/// <summary>Signature states shown on a message and in the API: none, valid, bad, unknown-key, expired.</summary>
public static class SignatureStates
{
    public const string None = "none";
    public const string Valid = "valid";
    public const string Bad = "bad";
    public const string UnknownKey = "unknown-key";
    public const string Expired = "expired";
}

/// <summary>A decrypted OpenPGP message: the plaintext and what its signature (if any) said.</summary>
public sealed record DecryptedMessage(byte[] Plaintext, string Signature, string? SignerFingerprint);

/// <summary>A public key that can check a signature, and the fingerprint of its primary key.</summary>
public sealed record SignerKey(PgpPublicKey Key, string PrimaryFingerprint)
{
    private readonly Lazy<RSA?> rsa = new(() => DotNetRsa(Key));

    /// <summary>
    /// An RSA key as .NET's RSA, made on first use (see <see cref="SignatureCheck"/>); null for other key types and
    /// for parameters OpenSSL does not take (BouncyCastle then checks, and refuses, as before).
    /// </summary>
    internal RSA? Rsa => rsa.Value;

    private static RSA? DotNetRsa(PgpPublicKey key)
    {
        if (key.PublicKeyPacket.Key is not RsaPublicBcpgKey k)
        {
            return null;
        }
        try
        {
            return RSA.Create(new RSAParameters { Modulus = k.Modulus.ToByteArrayUnsigned(), Exponent = k.PublicExponent.ToByteArrayUnsigned() });
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>
/// Decryption and signature checking of OpenPGP messages (RFC 4880) with explicit safety rules: ciphertext without
/// integrity protection (no MDC, the EFAIL class of attacks) is refused, the integrity check must pass after the
/// whole message is read, and decompressed output is bounded.
/// </summary>
public static class PgpMessages
{
    public const string MdcFailed = "The integrity check (MDC) failed: the message was altered.";

    /// <summary>
    /// Decrypts and checks <paramref name="message"/>. With <paramref name="rsaKey"/>, a message to an RSA key has its
    /// private-key step done by .NET's RSA (see <see cref="RsaDecryption"/>) under the same rules; without it, or
    /// for anything that path does not handle, BouncyCastle does all of it.
    /// </summary>
    public static DecryptedMessage Decrypt(byte[] message, Func<long, PgpPrivateKey?> privateKey, Func<long, SignerKey?> signerKey, long maxPlaintext, DateTimeOffset now,
        Func<long, RSA?>? rsaKey = null)
    {
        try
        {
            return DecryptCore(message, privateKey, signerKey, maxPlaintext, now, rsaKey);
        }
        // InvalidDataException: .NET's inflater on altered compressed data, which BouncyCastle reaches before the MDC.
        catch (Exception e) when (e is PgpException or IOException or InvalidDataException or InvalidCastException or ArgumentException or EndOfStreamException or FormatException)
        {
            throw new UndecryptableException($"The OpenPGP data is damaged ({e.GetType().Name}).");
        }
    }

    private static DecryptedMessage DecryptCore(byte[] message, Func<long, PgpPrivateKey?> privateKey, Func<long, SignerKey?> signerKey, long maxPlaintext, DateTimeOffset now,
        Func<long, RSA?>? rsaKey)
    {
        var outer = new PgpObjectFactory(PgpUtilities.GetDecoderStream(new MemoryStream(message)));
        PgpEncryptedDataList? list = null;
        for (var o = outer.NextPgpObject(); o is not null; o = outer.NextPgpObject())
        {
            if (o is PgpEncryptedDataList l)
            {
                list = l;
                break;
            }
            if (o is not PgpMarker)
            {
                throw new UndecryptableException("The OpenPGP data is not an encrypted message.");
            }
        }
        if (list is null)
        {
            throw new UndecryptableException("The OpenPGP data is not an encrypted message.");
        }
        PgpPublicKeyEncryptedData? chosen = null;
        PgpPrivateKey? key = null;
        foreach (var d in list.GetEncryptedDataObjects())
        {
            if (d is PgpPublicKeyEncryptedData pk && privateKey(pk.KeyId) is { } k)
            {
                chosen = pk;
                key = k;
                break;
            }
        }
        if (chosen is null || key is null)
        {
            throw new UndecryptableException("The message is not encrypted to a key of this team.");
        }
        if (!chosen.IsIntegrityProtected())
        {
            throw new UndecryptableException("The message has no integrity protection (no MDC); it is refused (EFAIL).");
        }
        // The .NET RSA path checks the MDC before anything inside is parsed; BouncyCastle's stream is checked at the end.
        var opened = rsaKey?.Invoke(chosen.KeyId) is { } rsa ? RsaDecryption.TryOpen(chosen, rsa) : null;
        using var clear = opened is not null ? new MemoryStream(opened) : chosen.GetDataStream(key);
        var inner = new PgpObjectFactory(clear);
        var next = inner.NextPgpObject();
        if (next is PgpCompressedData compressed)
        {
            inner = new PgpObjectFactory(compressed.GetDataStream());
            next = inner.NextPgpObject();
        }
        PgpOnePassSignature? onePass = null;
        SignerKey? signer = null;
        SignatureCheck? check = null;
        if (next is PgpOnePassSignatureList passes && passes.Count > 0)
        {
            onePass = passes[0];
            signer = signerKey(onePass.KeyId);
            if (signer is not null)
            {
                check = SignatureCheck.Start(onePass, signer);
            }
            next = inner.NextPgpObject();
        }
        if (next is not PgpLiteralData literal)
        {
            throw new UndecryptableException("The encrypted message holds no data.");
        }
        var plaintext = ReadBounded(literal.GetInputStream(), maxPlaintext, check);
        var status = SignatureStates.None;
        string? fingerprint = null;
        if (onePass is not null)
        {
            var signatures = inner.NextPgpObject() as PgpSignatureList;
            if (signatures is null || signatures.Count == 0)
            {
                status = SignatureStates.Bad;
            }
            else if (signer is null || check is null)
            {
                status = SignatureStates.UnknownKey;
            }
            else
            {
                fingerprint = signer.PrimaryFingerprint;
                status = !check.Verify(signatures[0]) ? SignatureStates.Bad
                    : IsExpired(signer.Key, now) ? SignatureStates.Expired
                    : SignatureStates.Valid;
            }
        }
        // The modification detection code covers everything up to the end: read it all, then check it.
        if (opened is null)
        {
            Org.BouncyCastle.Utilities.IO.Streams.Drain(clear);
            if (!chosen.Verify())
            {
                throw new UndecryptableException(MdcFailed);
            }
        }
        return new DecryptedMessage(plaintext, status, fingerprint);
    }

    public static bool IsExpired(PgpPublicKey key, DateTimeOffset now)
    {
        var valid = key.GetValidSeconds();
        if (valid <= 0)
        {
            return false;
        }
        var created = new DateTimeOffset(DateTime.SpecifyKind(key.CreationTime, DateTimeKind.Utc));
        return created.AddSeconds(valid) <= now;
    }

    private static byte[] ReadBounded(Stream input, long max, SignatureCheck? verifier)
    {
        using var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + n > max)
            {
                throw new UndecryptableException($"The decrypted content is larger than {max / (1024 * 1024)} MB (compression bomb?).");
            }
            verifier?.Update(buffer, 0, n);
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }

    /// <summary>True for armoured data that is an encrypted OpenPGP message (inline PGP in a text body).</summary>
    public static bool LooksInlineEncrypted(string text) => text.Contains("-----BEGIN PGP MESSAGE-----", StringComparison.Ordinal);

    /// <summary>
    /// The first armoured OpenPGP message block of a text, with the text before and after it. The armour header
    /// line must start a line (RFC 4880 §6.2), so a block quoted in a reply ("&gt; -----BEGIN …") is left as text.
    /// </summary>
    public static (string Before, string Block, string After)? InlineBlock(string text)
    {
        const string begin = "-----BEGIN PGP MESSAGE-----";
        const string end = "-----END PGP MESSAGE-----";
        var start = -1;
        for (var at = text.IndexOf(begin, StringComparison.Ordinal); at >= 0; at = text.IndexOf(begin, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || text[at - 1] is '\n' or '\r')
            {
                start = at;
                break;
            }
        }
        if (start < 0)
        {
            return null;
        }
        var stop = text.IndexOf(end, start, StringComparison.Ordinal);
        if (stop < 0)
        {
            return (text[..start], text[start..], "");
        }
        stop += end.Length;
        return (text[..start], text[start..stop], text[stop..]);
    }

    internal static HashAlgorithmTag Hash => HashAlgorithmTag.Sha256;
}
