using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace SirtDesk.Mail;

/// <summary>The facts about one public key that people look at: fingerprint, key id, type, user id and validity.</summary>
public sealed record KeyFacts(string Fingerprint, string KeyId, string Algorithm, string UserId, string? Email, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>The fingerprint in groups of four, as gpg prints it.</summary>
    public string Spaced => string.Join(' ', Enumerable.Range(0, Fingerprint.Length / 4).Select(i => Fingerprint.Substring(i * 4, 4)));

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } e && e <= now;
}

/// <summary>
/// OpenPGP v4 keys (RFC 4880, which GnuPG 2.2 reads) with BouncyCastle: generation, parsing, armour and the
/// Web Key Directory hash. Encryption, decryption and signatures are in <see cref="PgpMessages"/>.
/// </summary>
public static class OpenPgp
{
    public const string Rsa4096 = "rsa4096";
    public const string Ed25519 = "ed25519";

    /// <summary>A primary signing/certifying key and an encryption subkey, self-certified for <paramref name="userId"/>.</summary>
    public static PgpSecretKeyRing Generate(string userId, string algorithm, DateTimeOffset now, TimeSpan? validFor)
    {
        var random = new SecureRandom();
        var created = now.UtcDateTime;
        PgpKeyPair primary, sub;
        if (algorithm == Rsa4096)
        {
            // .NET's RSA (OpenSSL) makes a 4096-bit key in about a second; BouncyCastle's generator takes ~10 s.
            using var a = RSA.Create(4096);
            using var b = RSA.Create(4096);
            primary = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, DotNetUtilities.GetRsaKeyPair(a), created);
            sub = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, DotNetUtilities.GetRsaKeyPair(b), created);
        }
        else if (algorithm == Ed25519)
        {
            var ed = new Ed25519KeyPairGenerator();
            ed.Init(new Ed25519KeyGenerationParameters(random));
            var x = new X25519KeyPairGenerator();
            x.Init(new X25519KeyGenerationParameters(random));
            primary = new PgpKeyPair(PublicKeyAlgorithmTag.EdDsa_Legacy, ed.GenerateKeyPair(), created);
            sub = new PgpKeyPair(PublicKeyAlgorithmTag.ECDH, x.GenerateKeyPair(), created);
        }
        else
        {
            throw new ArgumentException($"Unknown algorithm '{algorithm}' (use {Rsa4096} or {Ed25519}).", nameof(algorithm));
        }

        var signing = new PgpSignatureSubpacketGenerator();
        signing.SetKeyFlags(false, PgpKeyFlags.CanCertify | PgpKeyFlags.CanSign);
        signing.SetPreferredSymmetricAlgorithms(false, [(int)SymmetricKeyAlgorithmTag.Aes256, (int)SymmetricKeyAlgorithmTag.Aes128]);
        signing.SetPreferredHashAlgorithms(false, [(int)HashAlgorithmTag.Sha512, (int)HashAlgorithmTag.Sha256]);
        signing.SetPreferredCompressionAlgorithms(false, [(int)CompressionAlgorithmTag.Zip, (int)CompressionAlgorithmTag.Uncompressed]);
        signing.SetFeature(false, Org.BouncyCastle.Bcpg.Sig.Features.FEATURE_MODIFICATION_DETECTION);
        var encrypting = new PgpSignatureSubpacketGenerator();
        encrypting.SetKeyFlags(false, PgpKeyFlags.CanEncryptCommunications | PgpKeyFlags.CanEncryptStorage);
        if (validFor is { } v)
        {
            signing.SetKeyExpirationTime(false, (long)v.TotalSeconds);
            encrypting.SetKeyExpirationTime(false, (long)v.TotalSeconds);
        }
        // The ring is sealed with the at-rest key as a whole, so the secret packets carry no passphrase of their own.
        var generator = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, primary, userId, SymmetricKeyAlgorithmTag.Null,
            HashAlgorithmTag.Sha256, Array.Empty<char>(), false, signing.Generate(), null, random);
        generator.AddSubKey(sub, encrypting.Generate(), null, HashAlgorithmTag.Sha256);
        return generator.GenerateSecretKeyRing();
    }

    /// <summary>
    /// The public half of a secret key ring. BouncyCastle gives a secret subkey's public key the packet tag of a
    /// primary key (6), which ends a public ring early; it is re-tagged as a public subkey (14), which makes the
    /// result byte-identical to what the key ring generator itself produces.
    /// </summary>
    public static PgpPublicKeyRing PublicRing(PgpSecretKeyRing secret)
    {
        using var buffer = new MemoryStream();
        var first = true;
        foreach (var key in secret.GetSecretKeys())
        {
            var bytes = key.PublicKey.GetEncoded();
            if (!first)
            {
                var header = bytes[0];
                if ((header & 0x40) != 0)
                {
                    if ((header & 0x3F) == 6)
                    {
                        bytes[0] = 0xC0 | 14;
                    }
                }
                else if (((header >> 2) & 0x0F) == 6)
                {
                    bytes[0] = (byte)(0x80 | (14 << 2) | (header & 0x03));
                }
            }
            first = false;
            buffer.Write(bytes);
        }
        return new PgpPublicKeyRing(buffer.ToArray());
    }

    public static string Armor(PgpPublicKeyRing ring)
    {
        using var buffer = new MemoryStream();
        using (var armored = new ArmoredOutputStream(buffer))
        {
            ring.Encode(armored);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    public static byte[] Binary(PgpPublicKeyRing ring) => ring.GetEncoded();

    public static byte[] Binary(PgpSecretKeyRing ring) => ring.GetEncoded();

    public static PgpSecretKeyRing ReadSecret(byte[] data) => new(data);

    /// <summary>The public key rings in armoured or binary input; secret keys and garbage are refused.</summary>
    public static IReadOnlyList<PgpPublicKeyRing> ReadPublic(byte[] data)
    {
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(data));
            var bundle = new PgpPublicKeyRingBundle(input);
            var rings = bundle.GetKeyRings().ToList();
            if (rings.Count == 0)
            {
                throw new InvalidDataException("No OpenPGP public key found.");
            }
            return rings;
        }
        catch (Exception e) when (e is PgpException or IOException or ArgumentException or InvalidCastException)
        {
            throw new InvalidDataException("Not an OpenPGP public key: " + e.Message, e);
        }
    }

    public static KeyFacts Facts(PgpPublicKeyRing ring)
    {
        var key = ring.GetPublicKey();
        var userId = key.GetUserIds().FirstOrDefault() ?? "";
        var created = new DateTimeOffset(DateTime.SpecifyKind(key.CreationTime, DateTimeKind.Utc));
        var valid = key.GetValidSeconds();
        return new KeyFacts(
            Convert.ToHexString(key.GetFingerprint()),
            key.KeyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture),
            AlgorithmName(ring),
            userId,
            EmailOf(userId),
            created,
            valid > 0 ? created.AddSeconds(valid) : null);
    }

    public static string AlgorithmName(PgpPublicKeyRing ring)
    {
        var key = ring.GetPublicKey();
        return key.Algorithm switch
        {
            PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign => $"rsa{key.BitStrength}",
            PublicKeyAlgorithmTag.EdDsa_Legacy or PublicKeyAlgorithmTag.Ed25519 => Ed25519,
            PublicKeyAlgorithmTag.ECDsa => "ecdsa",
            PublicKeyAlgorithmTag.Dsa => "dsa",
            _ => key.Algorithm.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>The address in a user id such as <c>Name &lt;a@b&gt;</c>, lower-cased; null when there is none.</summary>
    public static string? EmailOf(string userId)
    {
        var open = userId.LastIndexOf('<');
        var close = userId.LastIndexOf('>');
        var address = open >= 0 && close > open ? userId[(open + 1)..close] : userId;
        address = address.Trim();
        return address.Contains('@', StringComparison.Ordinal) && !address.Contains(' ', StringComparison.Ordinal) ? address.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The Web Key Directory name of an address's local part: SHA-1 of the lower-cased local part in z-base-32
    /// (draft-koch-openpgp-webkey-service §3.1).
    /// </summary>
    public static string WkdHash(string localPart)
    {
#pragma warning disable CA5350 // The WKD protocol names files by SHA-1; nothing secret depends on it.
        var digest = SHA1.HashData(Encoding.UTF8.GetBytes(localPart.ToLowerInvariant()));
#pragma warning restore CA5350
        return ZBase32(digest);
    }

    public static string ZBase32(ReadOnlySpan<byte> data)
    {
        const string alphabet = "ybndrfg8ejkmcpqxot1uwisza345h769";
        var result = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                result.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            result.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }
        return result.ToString();
    }
}

/// <summary>Detached, ASCII-armoured OpenPGP signatures over binary data (RFC 4880 §11.4), as CSAF §7.1.19 asks of each published file.</summary>
public static class DetachedSignature
{
    public static string Sign(ReadOnlySpan<byte> data, PgpSecretKeyRing ring, DateTimeOffset now)
    {
        var secret = ring.GetSecretKey();
        var generator = new PgpSignatureGenerator(secret.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.BinaryDocument, secret.ExtractPrivateKey([]));
        var packets = new PgpSignatureSubpacketGenerator();
        packets.SetSignatureCreationTime(false, now.UtcDateTime);
        packets.SetIssuerFingerprint(false, secret);
        generator.SetHashedSubpackets(packets.Generate());
        generator.Update(data.ToArray());
        using var buffer = new MemoryStream();
        using (var armored = new ArmoredOutputStream(buffer))
        {
            using var packet = new BcpgOutputStream(armored);
            generator.Generate().Encode(packet);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }
}

/// <summary>OpenPGP cleartext signatures (RFC 4880 §7), as RFC 9116 §2.3 asks of a signed security.txt.</summary>
public static class ClearSigned
{
    public static string Sign(string text, PgpSecretKeyRing ring, DateTimeOffset now)
    {
        var secret = ring.GetSecretKey();
        var generator = new PgpSignatureGenerator(secret.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.CanonicalTextDocument, secret.ExtractPrivateKey([]));
        var packets = new PgpSignatureSubpacketGenerator();
        packets.SetSignatureCreationTime(false, now.UtcDateTime);
        packets.SetIssuerFingerprint(false, secret);
        generator.SetHashedSubpackets(packets.Generate());

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        using var buffer = new MemoryStream();
        using (var armored = new ArmoredOutputStream(buffer))
        {
            armored.BeginClearText(HashAlgorithmTag.Sha256);
            for (var i = 0; i < lines.Count; i++)
            {
                // The signature covers each line without trailing white space, lines joined by CRLF (canonical text).
                var signedLine = Encoding.UTF8.GetBytes(lines[i].TrimEnd(' ', '\t', '\r'));
                if (i > 0)
                {
                    generator.Update((byte)'\r');
                    generator.Update((byte)'\n');
                }
                generator.Update(signedLine);
                // The armour stream dash-escapes lines that start with '-'.
                var shown = Encoding.UTF8.GetBytes(lines[i] + "\r\n");
                armored.Write(shown, 0, shown.Length);
            }
            armored.EndClearText();
            using var packet = new BcpgOutputStream(armored);
            generator.Generate().Encode(packet);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A clear-signed block found in a text: the text around it, the signed text itself and what the signature said.</summary>
    public sealed record Verified(string Before, string Cleartext, string After, string Signature, string? SignerFingerprint);

    /// <summary>
    /// Finds an inline clear-signed block (it must start a line) and checks its signature against the known keys:
    /// valid, bad (text altered or signature forged), unknown-key or expired. Null when there is no such block.
    /// </summary>
    public static Verified? Verify(string text, Func<long, SignerKey?> signerKey, DateTimeOffset now)
    {
        const string begin = "-----BEGIN PGP SIGNED MESSAGE-----";
        const string sigBegin = "-----BEGIN PGP SIGNATURE-----";
        const string sigEnd = "-----END PGP SIGNATURE-----";
        var start = text.StartsWith(begin, StringComparison.Ordinal) ? 0 : text.IndexOf("\n" + begin, StringComparison.Ordinal) is var i and >= 0 ? i + 1 : -1;
        if (start < 0)
        {
            return null;
        }
        var signatureAt = text.IndexOf(sigBegin, start, StringComparison.Ordinal);
        var endAt = signatureAt < 0 ? -1 : text.IndexOf(sigEnd, signatureAt, StringComparison.Ordinal);
        if (endAt < 0)
        {
            return new Verified(text[..start], text[start..], "", SignatureStates.Bad, null);
        }
        var lines = text[start..signatureAt].Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var at = 1;
        while (at < lines.Count && lines[at].Length > 0)
        {
            at++; // armour headers ("Hash: SHA256") up to the empty line
        }
        var body = lines.Skip(at + 1).Select(l => l.StartsWith("- ", StringComparison.Ordinal) ? l[2..] : l).ToList();
        if (body.Count > 0 && body[^1].Length == 0)
        {
            body.RemoveAt(body.Count - 1); // the line break before the signature is not signed
        }
        var cleartext = string.Join("\n", body);
        var after = text[(endAt + sigEnd.Length)..];
        try
        {
            var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(text[signatureAt..(endAt + sigEnd.Length)]))));
            if (factory.NextPgpObject() is not PgpSignatureList { Count: > 0 } signatures)
            {
                return new Verified(text[..start], cleartext, after, SignatureStates.Bad, null);
            }
            var signature = signatures[0];
            if (signerKey(signature.KeyId) is not { } signer)
            {
                return new Verified(text[..start], cleartext, after, SignatureStates.UnknownKey, null);
            }
            signature.InitVerify(signer.Key);
            signature.Update(Encoding.UTF8.GetBytes(string.Join("\r\n", body.Select(l => l.TrimEnd(' ', '\t', '\r')))));
            var status = !signature.Verify() ? SignatureStates.Bad : PgpMessages.IsExpired(signer.Key, now) ? SignatureStates.Expired : SignatureStates.Valid;
            return new Verified(text[..start], cleartext, after, status, signer.PrimaryFingerprint);
        }
        catch (Exception e) when (e is PgpException or IOException or InvalidCastException or ArgumentException)
        {
            return new Verified(text[..start], cleartext, after, SignatureStates.Bad, null);
        }
    }
}
