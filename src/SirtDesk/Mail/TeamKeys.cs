using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Bcpg.OpenPgp;
using SirtDesk.Crypto;
using SirtDesk.Data;

namespace SirtDesk.Mail;

public sealed class MailOptions
{
    /// <summary>How long a replaced team key stays published beside its successor.</summary>
    public int KeyOverlapDays { get; set; } = 30;

    /// <summary>Raw messages above this size are quarantined unread.</summary>
    public long MaxMessageBytes { get; set; } = 60L * 1024 * 1024;

    /// <summary>Bound on decrypted (and decompressed) content: a compression bomb stops here.</summary>
    public long MaxDecryptedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Automatic acknowledgements per address per 24 hours (loop prevention).</summary>
    public int MaxAutoRepliesPerDay { get; set; } = 3;

    /// <summary>Nesting depth of MIME parts beyond which a message is quarantined.</summary>
    public int MaxMimeDepth { get; set; } = 32;

    /// <summary>Team mailboxes polled over IMAP, by team key (<c>Mail:Imap:psirt:Host</c>, …).</summary>
    public Dictionary<string, ImapMailbox> Imap { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The teams' OpenPGP keys and the partners' public keys: generation, import, rotation and the keyring snapshot.</summary>
public sealed class TeamKeys(SirtDb db, AtRestCipher cipher, TimeProvider clock, KeyringCache cache, IOptions<MailOptions> options)
{
    public async Task<TeamKey> GenerateAsync(string team, string userId, string algorithm, TimeSpan? validFor, CancellationToken ct)
    {
        var ring = await Task.Run(() => OpenPgp.Generate(userId, algorithm, clock.GetUtcNow(), validFor), ct);
        return await StoreAsync(team, ring, ct);
    }

    /// <summary>Imports a team's secret key (armoured or binary, optionally protected by <paramref name="passphrase"/>).</summary>
    public async Task<TeamKey> ImportSecretAsync(string team, byte[] data, string? passphrase, CancellationToken ct)
    {
        PgpSecretKeyRing ring;
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(data));
            ring = new PgpSecretKeyRingBundle(input).GetKeyRings().FirstOrDefault() ?? throw new InvalidDataException("No OpenPGP secret key found.");
            var random = new Org.BouncyCastle.Security.SecureRandom();
            var keys = ring.GetSecretKeys().Select(k => PgpSecretKey.CopyWithNewPassword(k, (passphrase ?? "").ToCharArray(), [], Org.BouncyCastle.Bcpg.SymmetricKeyAlgorithmTag.Null, random)).ToList();
            ring = new PgpSecretKeyRing(keys.SelectMany(k => k.GetEncoded()).ToArray());
        }
        catch (Exception e) when (e is PgpException or IOException or ArgumentException)
        {
            throw new InvalidDataException("Not a usable OpenPGP secret key (or wrong passphrase): " + e.Message, e);
        }
        return await StoreAsync(team, ring, ct);
    }

    private async Task<TeamKey> StoreAsync(string team, PgpSecretKeyRing ring, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pub = OpenPgp.PublicRing(ring);
        var facts = OpenPgp.Facts(pub);
        if (await db.TeamKeys.AnyAsync(k => k.Fingerprint == facts.Fingerprint, ct))
        {
            throw new InvalidOperationException($"The key {facts.Fingerprint} is already held.");
        }
        // Rotation: the previous current key retires now, stays published for the overlap and keeps decrypting.
        foreach (var old in await db.TeamKeys.Where(k => k.Team == team && k.RetiredAt == null).ToListAsync(ct))
        {
            old.RetiredAt = now;
        }
        var key = new TeamKey
        {
            Team = team,
            Fingerprint = facts.Fingerprint,
            KeyId = facts.KeyId,
            Algorithm = facts.Algorithm,
            UserId = facts.UserId,
            CreatedAt = facts.CreatedAt.ToUniversalTime(),
            ExpiresAt = facts.ExpiresAt?.ToUniversalTime(),
            PublicArmored = OpenPgp.Armor(pub),
            SecretSealed = cipher.Seal(OpenPgp.Binary(ring)),
        };
        db.TeamKeys.Add(key);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return key;
    }

    /// <summary>The key a team signs with now: the newest one that is neither retired nor expired.</summary>
    public async Task<TeamKey?> CurrentAsync(string team, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var keys = await db.TeamKeys.AsNoTracking().Where(k => k.Team == team && k.RetiredAt == null).OrderByDescending(k => k.Id).ToListAsync(ct);
        return keys.FirstOrDefault(k => k.ExpiresAt is null || k.ExpiresAt > now);
    }

    /// <summary>Keys shown to the public: current ones and retired ones still inside the overlap period.</summary>
    public async Task<IReadOnlyList<TeamKey>> PublishedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var overlap = TimeSpan.FromDays(options.Value.KeyOverlapDays);
        var keys = await db.TeamKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        return [.. keys.Where(k => (k.ExpiresAt is null || k.ExpiresAt > now) && (k.RetiredAt is null || k.RetiredAt + overlap > now))];
    }

    /// <summary>Imports a partner's or reporter's public key(s); a key already held is returned as it is.</summary>
    public async Task<IReadOnlyList<PartnerKey>> ImportPartnerAsync(byte[] data, string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = new List<PartnerKey>();
        foreach (var ring in OpenPgp.ReadPublic(data))
        {
            var facts = OpenPgp.Facts(ring);
            var existing = await db.PartnerKeys.FirstOrDefaultAsync(k => k.Fingerprint == facts.Fingerprint, ct);
            if (existing is not null)
            {
                result.Add(existing);
                continue;
            }
            if (facts.Email is null)
            {
                throw new InvalidDataException("The key's user id has no e-mail address.");
            }
            var key = new PartnerKey
            {
                Email = facts.Email,
                Fingerprint = facts.Fingerprint,
                KeyId = facts.KeyId,
                Algorithm = facts.Algorithm,
                UserId = facts.UserId,
                CreatedAt = facts.CreatedAt.ToUniversalTime(),
                ExpiresAt = facts.ExpiresAt?.ToUniversalTime(),
                ImportedAt = now,
                Source = source,
                PublicArmored = OpenPgp.Armor(ring),
            };
            db.PartnerKeys.Add(key);
            result.Add(key);
        }
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return result;
    }

    public Task<Keyring> KeyringAsync(CancellationToken ct) => cache.GetAsync(() => LoadAsync(ct));

    private async Task<Keyring> LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var teamKeys = await db.TeamKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        var partners = await db.PartnerKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.PublicArmored).ToListAsync(ct);
        var currentIds = teamKeys.Where(k => k.RetiredAt is null && (k.ExpiresAt is null || k.ExpiresAt > now))
            .GroupBy(k => k.Team).Select(g => g.Max(k => k.Id)).ToHashSet();
        return new Keyring(
            teamKeys.Select(k => (k.Team, OpenPgp.ReadSecret(cipher.Open(k.SecretSealed)), currentIds.Contains(k.Id))),
            partners.SelectMany(a => OpenPgp.ReadPublic(System.Text.Encoding.ASCII.GetBytes(a))));
    }
}

/// <summary>The keyring snapshot, rebuilt after a change on this node and at most every 30 seconds otherwise.</summary>
public sealed class KeyringCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private (Keyring Ring, DateTimeOffset At)? snapshot;

    public void Invalidate() => snapshot = null;

    public async Task<Keyring> GetAsync(Func<Task<Keyring>> load)
    {
        var now = clock.GetUtcNow();
        if (snapshot is { } s && now - s.At < Lifetime)
        {
            return s.Ring;
        }
        var ring = await load();
        snapshot = (ring, now);
        return ring;
    }
}
