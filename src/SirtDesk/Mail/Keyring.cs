using System.Collections.Concurrent;
using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace SirtDesk.Mail;

/// <summary>
/// An immutable snapshot of every key SirtDesk holds: the teams' secret keys (current and retired, for decrypting
/// old mail) and the partners' public keys. Built from the database by <see cref="TeamKeys"/>.
/// </summary>
public sealed class Keyring
{
    private readonly Dictionary<long, (PgpSecretKey Key, string Fingerprint)> secrets = [];
    private readonly Dictionary<long, SignerKey> publics = [];
    private readonly Dictionary<string, List<PgpPublicKeyRing>> byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PgpSecretKeyRing> current = [];
    private readonly ConcurrentDictionary<long, PgpPrivateKey> extracted = new();
    private readonly ConcurrentDictionary<long, RSA?> rsaKeys = new();

    public static readonly Keyring Empty = new([], []);

    public Keyring(IEnumerable<(string Team, PgpSecretKeyRing Ring, bool Current)> teamKeys, IEnumerable<PgpPublicKeyRing> partnerKeys)
    {
        foreach (var (team, ring, isCurrent) in teamKeys)
        {
            var fingerprint = Convert.ToHexString(ring.GetPublicKey().GetFingerprint());
            foreach (var s in ring.GetSecretKeys())
            {
                secrets[s.KeyId] = (s, fingerprint);
                publics[s.KeyId] = new SignerKey(s.PublicKey, fingerprint);
            }
            if (isCurrent)
            {
                current[team] = ring;
            }
        }
        foreach (var ring in partnerKeys)
        {
            var fingerprint = Convert.ToHexString(ring.GetPublicKey().GetFingerprint());
            foreach (var k in ring.GetPublicKeys())
            {
                publics.TryAdd(k.KeyId, new SignerKey(k, fingerprint));
            }
            foreach (var uid in ring.GetPublicKey().GetUserIds())
            {
                if (OpenPgp.EmailOf(uid) is { } email)
                {
                    if (!byEmail.TryGetValue(email, out var list))
                    {
                        byEmail[email] = list = [];
                    }
                    list.Add(ring);
                }
            }
        }
    }

    public bool HasKey(string team) => current.ContainsKey(team);

    public PgpSecretKeyRing? Current(string team) => current.GetValueOrDefault(team);

    public PgpPrivateKey? PrivateKey(long keyId) =>
        secrets.TryGetValue(keyId, out var s) ? extracted.GetOrAdd(keyId, _ => s.Key.ExtractPrivateKey([])) : null;

    /// <summary>
    /// A team's RSA secret key as .NET's RSA (OpenSSL), made once per snapshot; null for other key types (and for
    /// parameters OpenSSL does not take: BouncyCastle then decrypts). One instance serves concurrent decryptions:
    /// each operation gets its own OpenSSL context, and the key itself is not modified.
    /// </summary>
    public RSA? RsaKey(long keyId) =>
        PrivateKey(keyId)?.Key is RsaPrivateCrtKeyParameters rsa ? rsaKeys.GetOrAdd(keyId, _ => DotNetRsa(rsa)) : null;

    private static RSA? DotNetRsa(RsaPrivateCrtKeyParameters key)
    {
        try
        {
            return RSA.Create(DotNetUtilities.ToRSAParameters(key));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public SignerKey? Signer(long keyId) => publics.GetValueOrDefault(keyId);

    /// <summary>A usable (unexpired, encryption-capable) key of a partner, newest first; null when none is known.</summary>
    public PgpPublicKeyRing? EncryptionKeyFor(string email, DateTimeOffset now) =>
        byEmail.TryGetValue(email, out var rings)
            ? rings.Where(r => !PgpMessages.IsExpired(r.GetPublicKey(), now) && EncryptionKey(r) is not null)
                .OrderByDescending(r => r.GetPublicKey().CreationTime).FirstOrDefault()
            : null;

    public static PgpPublicKey? EncryptionKey(PgpPublicKeyRing ring) =>
        ring.GetPublicKeys().Where(k => k.IsEncryptionKey && !k.IsMasterKey).LastOrDefault()
        ?? ring.GetPublicKeys().FirstOrDefault(k => k.IsEncryptionKey);

    public DecryptedMessage Decrypt(byte[] message, long maxPlaintext, DateTimeOffset now) =>
        PgpMessages.Decrypt(message, PrivateKey, Signer, maxPlaintext, now, RsaKey);

    /// <summary>A MimeKit context that signs as <paramref name="team"/> and encrypts to the given partners.</summary>
    public OpenPgpContext Context(string? team) => new KeyringContext(this, team);

    /// <summary>MimeKit's PGP/MIME (RFC 3156) on top of the snapshot; keys never touch the file system.</summary>
    private sealed class KeyringContext(Keyring keyring, string? team) : OpenPgpContext
    {
        protected override string GetPasswordForKey(PgpSecretKey key) => "";

        protected override PgpPublicKeyRing GetPublicKeyRing(long keyId, CancellationToken cancellationToken = default)
        {
            if (keyring.Signer(keyId) is not { } signer)
            {
                return null!;
            }
            using var buffer = new MemoryStream();
            signer.Key.Encode(buffer);
            return new PgpPublicKeyRing(buffer.ToArray());
        }

        protected override Task<PgpPublicKeyRing?> GetPublicKeyRingAsync(long keyId, CancellationToken cancellationToken = default) =>
            Task.FromResult<PgpPublicKeyRing?>(GetPublicKeyRing(keyId, cancellationToken));

        protected override PgpSecretKey GetSecretKey(long keyId, CancellationToken cancellationToken = default) =>
            keyring.secrets.TryGetValue(keyId, out var s) ? s.Key : throw new PrivateKeyNotFoundException(keyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture), "No secret key.");

        protected override Task<PgpSecretKey> GetSecretKeyAsync(long keyId, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetSecretKey(keyId, cancellationToken));

        public override IList<PgpPublicKey> GetPublicKeys(IEnumerable<MailboxAddress> mailboxes, CancellationToken cancellationToken = default)
        {
            var keys = new List<PgpPublicKey>();
            foreach (var m in mailboxes)
            {
                var ring = keyring.byEmail.TryGetValue(m.Address, out var rings) ? rings.OrderByDescending(r => r.GetPublicKey().CreationTime).FirstOrDefault() : null;
                if (ring is null || EncryptionKey(ring) is not { } key)
                {
                    throw new PublicKeyNotFoundException(m, "No public key is known for this recipient.");
                }
                keys.Add(key);
            }
            return keys;
        }

        public override Task<IList<PgpPublicKey>> GetPublicKeysAsync(IEnumerable<MailboxAddress> mailboxes, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetPublicKeys(mailboxes, cancellationToken));

        public override PgpSecretKey GetSigningKey(MailboxAddress mailbox, CancellationToken cancellationToken = default) =>
            team is not null && keyring.Current(team) is { } ring
                ? ring.GetSecretKey()
                : throw new PrivateKeyNotFoundException(mailbox, "The team has no key.");

        public override Task<PgpSecretKey> GetSigningKeyAsync(MailboxAddress mailbox, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetSigningKey(mailbox, cancellationToken));

        public override bool CanSign(MailboxAddress signer, CancellationToken cancellationToken = default) => team is not null && keyring.HasKey(team);

        public override Task<bool> CanSignAsync(MailboxAddress signer, CancellationToken cancellationToken = default) => Task.FromResult(CanSign(signer, cancellationToken));

        public override bool CanEncrypt(MailboxAddress mailbox, CancellationToken cancellationToken = default) => keyring.byEmail.ContainsKey(mailbox.Address);

        public override Task<bool> CanEncryptAsync(MailboxAddress mailbox, CancellationToken cancellationToken = default) => Task.FromResult(CanEncrypt(mailbox, cancellationToken));

        public override MimePart Export(IEnumerable<MailboxAddress> mailboxes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override Task<MimePart> ExportAsync(IEnumerable<MailboxAddress> mailboxes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void Export(IEnumerable<MailboxAddress> mailboxes, Stream stream, bool armor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override Task ExportAsync(IEnumerable<MailboxAddress> mailboxes, Stream stream, bool armor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void Import(PgpPublicKeyRing keyring, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void Import(PgpPublicKeyRingBundle bundle, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void Import(PgpSecretKeyRing keyring, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void Import(PgpSecretKeyRingBundle bundle, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
