using System.Reflection;
using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace SirtDesk.Mail;

/// <summary>
/// The private-key step of a message encrypted to an RSA key, done by .NET's <see cref="RSA"/> (OpenSSL), which is
/// about seven times as fast as BouncyCastle's at 4096 bits; the symmetric layer (RFC 4880 §5.13: CFB with a zero IV,
/// the repeated prefix, the MDC) is done here as well. Only the usual case is handled: a version 3 session key packet
/// for an RSA key, AES, a version 1 integrity-protected data packet. For anything else <see cref="TryOpen"/> returns
/// null before the ciphertext is read, and <see cref="PgpMessages"/> uses BouncyCastle as before.
/// </summary>
internal static class RsaDecryption
{
    // BouncyCastle 2.7 has no public accessor for the session key packet of a PgpPublicKeyEncryptedData, nor for the
    // encrypted data packet behind it, so both are read by reflection. Should a later version rename the fields,
    // these are null and every message takes the BouncyCastle path: slower, same results.
    private static readonly FieldInfo? SessionKeyPacket = typeof(PgpPublicKeyEncryptedData).GetField("m_keyData", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? DataPacket = typeof(PgpEncryptedData).GetField("m_encData", BindingFlags.Instance | BindingFlags.NonPublic);

    private const int BlockSize = 16;
    private const int MdcLength = 22;

    /// <summary>
    /// The packets inside the integrity-protected packet (prefix and MDC removed) after the MDC has been checked, or
    /// null when this path does not apply (nothing has been read from the message then). Like BouncyCastle, a session
    /// key that does not decrypt throws <see cref="PgpException"/> and a wrong session key checksum
    /// <see cref="PgpKeyValidationException"/>; a failed integrity check throws <see cref="UndecryptableException"/>.
    /// </summary>
    public static byte[]? TryOpen(PgpPublicKeyEncryptedData data, RSA rsa)
    {
        if (SessionKeyPacket?.GetValue(data) is not PublicKeyEncSessionPacket { Version: 3, Algorithm: PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaEncrypt } packet
            || DataPacket?.GetValue(data) is not SymmetricEncIntegrityPacket { Version: 1 })
        {
            return null;
        }
        var session = SessionKey(packet.GetEncSessionKey()[0], rsa);
        var keyLength = (SymmetricKeyAlgorithmTag)session[0] switch
        {
            SymmetricKeyAlgorithmTag.Aes128 => 16,
            SymmetricKeyAlgorithmTag.Aes192 => 24,
            SymmetricKeyAlgorithmTag.Aes256 => 32,
            _ => 0,
        };
        if (keyLength == 0 || session.Length != 1 + keyLength + 2)
        {
            // Another cipher (CAST5, Twofish, …): BouncyCastle does it, repeating the RSA step.
            return null;
        }

        using var buffer = new MemoryStream();
        using (var input = data.GetInputStream())
        {
            input.CopyTo(buffer);
        }
        var length = (int)buffer.Length;
        if (length < BlockSize + 2 + MdcLength)
        {
            throw new UndecryptableException(PgpMessages.MdcFailed);
        }
        // CFB decryption of a partial last block is that block XOR the key stream: pad, decrypt, ignore the padding.
        var ciphertext = new byte[(length + BlockSize - 1) / BlockSize * BlockSize];
        buffer.GetBuffer().AsSpan(0, length).CopyTo(ciphertext);
        var plain = new byte[ciphertext.Length];
        using (var aes = Aes.Create())
        {
            aes.Key = session.AsSpan(1, keyLength).ToArray();
#pragma warning disable CA5358 // OpenPGP defines CFB (RFC 4880 §13.9); integrity comes from the MDC checked below.
            aes.DecryptCfb(ciphertext, new byte[BlockSize], plain, PaddingMode.None, BlockSize * 8);
#pragma warning restore CA5358
        }
        var content = plain.AsSpan(0, length);

        // The MDC: SHA-1 over prefix, plaintext and the MDC packet header 0xD3 0x14, compared in constant time. The
        // prefix's repeated two octets are checked only together with it, so a failure says nothing more.
        Span<byte> digest = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 4880 §5.14 defines the MDC as SHA-1.
        SHA1.HashData(content[..^20], digest);
#pragma warning restore CA5350
        var valid = CryptographicOperations.FixedTimeEquals(digest, content[^20..])
            & content[^MdcLength] == 0xD3 & content[^(MdcLength - 1)] == 0x14
            & content[BlockSize - 2] == content[BlockSize] & content[BlockSize - 1] == content[BlockSize + 1];
        if (!valid)
        {
            throw new UndecryptableException(PgpMessages.MdcFailed);
        }
        return content[(BlockSize + 2)..^MdcLength].ToArray();
    }

    /// <summary>The session key block (algorithm, key, two-octet checksum) from the encrypted MPI.</summary>
    private static byte[] SessionKey(byte[] mpi, RSA rsa)
    {
        // The MPI as BouncyCastle keeps it: two octets of bit count, then the value (RFC 4880 §3.2).
        var modulusLength = rsa.KeySize / 8;
        var value = mpi.AsSpan(Math.Min(2, mpi.Length));
        if (value.Length > modulusLength)
        {
            throw new PgpException("exception decrypting secret key");
        }
        var block = new byte[modulusLength];
        value.CopyTo(block.AsSpan(modulusLength - value.Length));
        byte[] session;
        try
        {
            session = rsa.Decrypt(block, RSAEncryptionPadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new PgpException("exception decrypting secret key", e);
        }
        var sum = 0;
        for (var i = 1; i < session.Length - 2; i++)
        {
            sum += session[i];
        }
        if (session.Length < 3 || session[^2] != (byte)(sum >> 8) || session[^1] != (byte)sum)
        {
            throw new PgpKeyValidationException("key checksum failed");
        }
        return session;
    }
}
