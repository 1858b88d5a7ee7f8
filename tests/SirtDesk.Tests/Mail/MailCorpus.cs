using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;
using SirtDesk.Mail;

namespace SirtDesk.Tests.Mail;

/// <summary>
/// The bad-input corpus: the files of TestData/mail (see SOURCE.md there) and the messages made here, which depend
/// on the test instance's team key or are too large to keep as files.
/// </summary>
public static class MailCorpus
{
    private static readonly DateTime Written = new(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc);

    public static byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "mail", name));

    public static IEnumerable<string> Files =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "mail"), "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private static string Headers(string from, string subject, string id) => $"""
        From: {from}
        To: PSIRT <psirt@example.com>
        Subject: {subject}
        Date: Fri, 20 Nov 2026 10:00:00 +0900
        Message-ID: <{id}@corpus.sirtdesk.test>
        MIME-Version: 1.0

        """.ReplaceLineEndings("\r\n");

    /// <summary>One text part of <paramref name="bytes"/> bytes of ASCII lines.</summary>
    public static byte[] HugeBody(int bytes = 50 * 1024 * 1024)
    {
        var head = Encoding.ASCII.GetBytes(Headers("Huge <huge@reporter.example>", "A 50 MB body", "huge-body") + "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        var result = new byte[head.Length + bytes];
        head.CopyTo(result, 0);
        var line = Encoding.ASCII.GetBytes(new string('A', 76) + "\r\n");
        for (var at = head.Length; at < result.Length; at += line.Length)
        {
            line.AsSpan(0, Math.Min(line.Length, result.Length - at)).CopyTo(result.AsSpan(at));
        }
        return result;
    }

    /// <summary><c>multipart/mixed</c> nested <paramref name="depth"/> levels deep around one text part.</summary>
    public static byte[] DeeplyNested(int depth = 100)
    {
        var text = new StringBuilder(Headers("Deep <deep@reporter.example>", $"Multiparts nested {depth} deep", "deeply-nested"));
        text.Append("Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (var i = 0; i < depth; i++)
        {
            text.Append($"--b{i}\r\n");
            text.Append(i + 1 < depth ? $"Content-Type: multipart/mixed; boundary=\"b{i + 1}\"\r\n\r\n" : "Content-Type: text/plain\r\n\r\nThe bottom.\r\n");
        }
        for (var i = depth - 1; i >= 0; i--)
        {
            text.Append($"--b{i}--\r\n");
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>PGP/MIME (RFC 3156 §4) around armoured ciphertext.</summary>
    public static byte[] PgpMime(string from, string subject, string id, string armored) => Encoding.ASCII.GetBytes(Headers(from, subject, id) + $"""
        Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="pgp-boundary"

        This is an OpenPGP/MIME encrypted message (RFC 3156).
        --pgp-boundary
        Content-Type: application/pgp-encrypted
        Content-Description: PGP/MIME version identification

        Version: 1

        --pgp-boundary
        Content-Type: application/octet-stream; name="encrypted.asc"
        Content-Description: OpenPGP encrypted message
        Content-Disposition: inline; filename="encrypted.asc"

        {armored.TrimEnd()}

        --pgp-boundary--

        """.ReplaceLineEndings("\r\n"));

    /// <summary>Inline PGP: the armoured ciphertext as the text body.</summary>
    public static byte[] InlinePgp(string from, string subject, string id, string armored) => Encoding.ASCII.GetBytes(Headers(from, subject, id) + $"""
        Content-Type: text/plain; charset=us-ascii

        {armored.TrimEnd()}

        """.ReplaceLineEndings("\r\n"));

    /// <summary>A small PGP/MIME message whose compressed plaintext inflates to <paramref name="inflated"/> bytes.</summary>
    public static byte[] CompressionBomb(PgpPublicKeyRing team, long inflated) =>
        PgpMime("Bomb <bomb@reporter.example>", "Compression bomb", "compression-bomb",
            Armor(Encrypt(team, Zeros(inflated), inflated, integrity: true, compress: true)));

    /// <summary>Integrity-protected ciphertext with one byte flipped in the middle of the encrypted data.</summary>
    public static byte[] Tampered(PgpPublicKeyRing team)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Content-Type: text/plain; charset=utf-8\r\n\r\nThe original text of the report.\r\n", 40)));
        var binary = Encrypt(team, new MemoryStream(text), text.Length, integrity: true, compress: false);
        binary[binary.Length / 2] ^= 0x20;
        return PgpMime("Tampered <tampered@reporter.example>", "Tampered ciphertext", "tampered", Armor(binary));
    }

    /// <summary>Ciphertext without integrity protection: a Symmetrically Encrypted Data packet (no MDC).</summary>
    public static byte[] WithoutMdc(PgpPublicKeyRing team)
    {
        var text = Encoding.UTF8.GetBytes("Content-Type: text/plain; charset=utf-8\r\n\r\nEncrypted without MDC.\r\n");
        return PgpMime("NoMdc <nomdc@reporter.example>", "Ciphertext without MDC", "no-mdc", Armor(Encrypt(team, new MemoryStream(text), text.Length, integrity: false, compress: true)));
    }

    /// <summary>A well-formed encrypted message (for checking the corpus helpers themselves).</summary>
    public static byte[] Encrypted(PgpPublicKeyRing team, string id, string text)
    {
        var data = Encoding.UTF8.GetBytes("Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n");
        return PgpMime("Good <good@reporter.example>", "Encrypted", id, Armor(Encrypt(team, new MemoryStream(data), data.Length, integrity: true, compress: true)));
    }

    public static PgpPublicKeyRing PublicRing(TeamKey key) => OpenPgp.ReadPublic(Encoding.ASCII.GetBytes(key.PublicArmored))[0];

    private static byte[] Encrypt(PgpPublicKeyRing recipient, Stream plaintext, long length, bool integrity, bool compress)
    {
        using var output = new MemoryStream();
        var generator = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, integrity, new SecureRandom());
        generator.AddMethod(Keyring.EncryptionKey(recipient)!);
        using (var encrypted = generator.Open(output, new byte[1 << 16]))
        {
            var compressor = compress ? new PgpCompressedDataGenerator(CompressionAlgorithmTag.Zip) : null;
            using (var packet = compressor is null ? null : compressor.Open(encrypted))
            {
                var literal = new PgpLiteralDataGenerator();
                using var data = literal.Open(packet ?? encrypted, PgpLiteralData.Binary, "", length, Written);
                plaintext.CopyTo(data, 1 << 20);
            }
        }
        return output.ToArray();
    }

    private static string Armor(byte[] binary)
    {
        using var buffer = new MemoryStream();
        using (var armored = new ArmoredOutputStream(buffer))
        {
            armored.Write(binary);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    private static ZeroStream Zeros(long length) => new ZeroStream(length);

    /// <summary>A stream of zero bytes that never holds them in memory.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
