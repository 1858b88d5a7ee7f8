using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Mail;

/// <summary>
/// An OpenPGP key of one sub-team's address. The secret key ring is sealed with the at-rest key (never stored in
/// the clear); retired keys stay so that old mail can still be decrypted.
/// </summary>
public sealed class TeamKey
{
    public long Id { get; set; }
    public required string Team { get; set; }
    public required string Fingerprint { get; set; }
    public required string KeyId { get; set; }

    /// <summary>rsa4096 or ed25519 (Ed25519 signing primary with a Cv25519 encryption subkey).</summary>
    public required string Algorithm { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When a newer key took over: the key still decrypts, and is published until the overlap ends.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
    public required string PublicArmored { get; set; }
    public required byte[] SecretSealed { get; set; }
}

/// <summary>A partner's or reporter's public key. Only the public part is ever held.</summary>
public sealed class PartnerKey
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string Fingerprint { get; set; }
    public required string KeyId { get; set; }
    public required string Algorithm { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>report-form, mail-attachment or upload.</summary>
    public required string Source { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public required string PublicArmored { get; set; }
}

/// <summary>
/// A message that could not become a report (unparseable, undecryptable, tampered, too large). Kept sealed with
/// the reason so an analyst can look at it; never silently dropped.
/// </summary>
public sealed class QuarantinedMail
{
    public long Id { get; set; }
    public required string Team { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string Reason { get; set; }
    public string? Sender { get; set; }
    public string? Subject { get; set; }
    public string? MessageId { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Sealed { get; set; }
}

internal sealed class TeamKeyConfiguration : IEntityTypeConfiguration<TeamKey>
{
    public void Configure(EntityTypeBuilder<TeamKey> b)
    {
        b.HasIndex(k => k.Fingerprint).IsUnique();
        b.HasIndex(k => k.Team);
        b.Property(k => k.Fingerprint).HasMaxLength(64);
        b.Property(k => k.KeyId).HasMaxLength(16);
        b.Property(k => k.Team).HasMaxLength(64);
        b.Property(k => k.Algorithm).HasMaxLength(16);
    }
}

internal sealed class PartnerKeyConfiguration : IEntityTypeConfiguration<PartnerKey>
{
    public void Configure(EntityTypeBuilder<PartnerKey> b)
    {
        b.HasIndex(k => k.Fingerprint).IsUnique();
        b.HasIndex(k => k.Email);
        b.Property(k => k.Fingerprint).HasMaxLength(64);
        b.Property(k => k.KeyId).HasMaxLength(16);
        b.Property(k => k.Algorithm).HasMaxLength(16);
        b.Property(k => k.Source).HasMaxLength(32);
    }
}

internal sealed class QuarantinedMailConfiguration : IEntityTypeConfiguration<QuarantinedMail>
{
    public void Configure(EntityTypeBuilder<QuarantinedMail> b)
    {
        b.ToTable("MailQuarantine");
        b.HasIndex(q => q.Sha256);
        b.Property(q => q.Team).HasMaxLength(64);
    }
}
