using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SirtDesk.Data;

namespace SirtDesk.Crypto;

/// <summary>
/// AES-256-GCM for what must not be readable from a copy of the database (attachments, raw mail,
/// proof-of-concept text). The key lives outside the database: SIRTDESK_ENCRYPTION_KEY (base64, 32 bytes)
/// or a file <c>keys/at-rest.key</c> in the data directory, created with mode 0600 on first use.
/// Layout of a sealed value: version byte 1 | 12-byte nonce | 16-byte tag | ciphertext.
/// </summary>
public sealed class AtRestCipher
{
    private const byte Version = 1;
    private readonly byte[] key;

    public AtRestCipher(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The at-rest key must be 32 bytes.", nameof(key));
        }
        this.key = key;
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[1 + 12 + 16 + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(nonce, plaintext, output.AsSpan(29), output.AsSpan(13, 16));
        return output;
    }

    public byte[] Open(ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < 29 || sealedValue[0] != Version)
        {
            throw new CryptographicException("Not a sealed value of a known version.");
        }
        var plaintext = new byte[sealedValue.Length - 29];
        using var gcm = new AesGcm(key, 16);
        gcm.Decrypt(sealedValue.Slice(1, 12), sealedValue[29..], sealedValue.Slice(13, 16), plaintext);
        return plaintext;
    }

    public byte[] SealText(string text) => Seal(System.Text.Encoding.UTF8.GetBytes(text));

    public string OpenText(byte[] sealedValue) => System.Text.Encoding.UTF8.GetString(Open(sealedValue));

    internal static byte[] LoadOrCreateKey(string? environmentKey, string dataDir)
    {
        if (!string.IsNullOrWhiteSpace(environmentKey))
        {
            return Convert.FromBase64String(environmentKey.Trim());
        }
        var dir = Path.Combine(dataDir, "keys");
        var path = Path.Combine(dir, "at-rest.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        Directory.CreateDirectory(dir);
        var fresh = RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(fresh));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        try
        {
            // Two processes starting at once (server and a verb) must end up with the same key.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}

public static class CryptoModule
{
    public static void AddCrypto(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var dataDir = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDir;
            var envKey = builder.Configuration["ENCRYPTION_KEY"] ?? Environment.GetEnvironmentVariable("SIRTDESK_ENCRYPTION_KEY");
            return new AtRestCipher(AtRestCipher.LoadOrCreateKey(envKey, dataDir));
        });
    }
}
