using System.Security.Cryptography;

namespace SirtDesk.Tests.Infrastructure;

/// <summary>RFC 6238 TOTP as an authenticator app computes it, from the Base32 key the enrolment page shows.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at, int digits = 6) => Code(Base32(base32Key), at.ToUnixTimeSeconds() / 30, digits, HashAlgorithmName.SHA1);

    public static string Code(byte[] key, long counter, int digits, HashAlgorithmName hash)
    {
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }
#pragma warning disable CA5350 // RFC 6238 authenticators use HMAC-SHA1; this is what they compute.
        byte[] mac = hash == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(key, message) : HMACSHA256.HashData(key, message);
#pragma warning restore CA5350
        var offset = mac[^1] & 0x0f;
        var binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        return (binary % (int)Math.Pow(10, digits)).ToString().PadLeft(digits, '0');
    }

    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
