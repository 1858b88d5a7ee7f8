using System.Security.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace SirtDesk.Mail;

/// <summary>
/// Checks a one-pass signature over the data that follows it. BouncyCastle validates an RSA public key's modulus
/// (a probable-prime test) every time a verifier is made from it — 0.1 to 0.2 s for 4096 bits on this machine, several
/// times the cost of the decryption — so a binary-document signature by an RSA key with a SHA-1/SHA-2 hash is checked
/// with .NET's RSA (OpenSSL), made once per signer key (<see cref="SignerKey.Rsa"/>). Everything else (text-mode
/// signatures, other key types and hashes) is BouncyCastle's, as before.
/// </summary>
internal sealed class SignatureCheck
{
    private readonly PgpOnePassSignature onePass;
    private readonly RSA? rsa;
    private readonly HashAlgorithmName hashName;
    private readonly IncrementalHash? hash;

    private SignatureCheck(PgpOnePassSignature onePass, RSA? rsa, HashAlgorithmName hashName)
    {
        this.onePass = onePass;
        this.rsa = rsa;
        this.hashName = hashName;
        hash = rsa is null ? null : IncrementalHash.CreateHash(hashName);
    }

    public static SignatureCheck Start(PgpOnePassSignature onePass, SignerKey signer)
    {
        if (onePass.SignatureType == PgpSignature.BinaryDocument
            && onePass.KeyAlgorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign
            && HashName(onePass.HashAlgorithm) is { } name
            && signer.Rsa is { } rsa)
        {
            return new SignatureCheck(onePass, rsa, name);
        }
        onePass.InitVerify(signer.Key);
        return new SignatureCheck(onePass, null, default);
    }

    public void Update(byte[] buffer, int offset, int count)
    {
        if (hash is null)
        {
            onePass.Update(buffer, offset, count);
        }
        else
        {
            hash.AppendData(buffer, offset, count);
        }
    }

    public bool Verify(PgpSignature signature)
    {
        if (hash is null || rsa is null)
        {
            return onePass.Verify(signature);
        }
        // As BouncyCastle does: the one-pass packet's hash over the data, then the signature packet's trailer.
        hash.AppendData(signature.GetSignatureTrailer());
        var value = signature.GetSignature();
        var length = (rsa.KeySize + 7) / 8;
        if (value.Length > length)
        {
            return false;
        }
        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return rsa.VerifyHash(hash.GetHashAndReset(), padded, hashName, RSASignaturePadding.Pkcs1);
    }

    private static HashAlgorithmName? HashName(HashAlgorithmTag tag) => tag switch
    {
#pragma warning disable CA5350 // SHA-1 signatures are still checked (and reported valid) as BouncyCastle did.
        HashAlgorithmTag.Sha1 => HashAlgorithmName.SHA1,
#pragma warning restore CA5350
        HashAlgorithmTag.Sha256 => HashAlgorithmName.SHA256,
        HashAlgorithmTag.Sha384 => HashAlgorithmName.SHA384,
        HashAlgorithmTag.Sha512 => HashAlgorithmName.SHA512,
        _ => null,
    };
}
