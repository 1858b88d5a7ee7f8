using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Advisories;

/// <summary>draft → in-review → published (updates stay published, each a new revision) / withdrawn.</summary>
public enum AdvisoryStatus
{
    Draft,
    InReview,
    Published,
    Withdrawn,
}

/// <summary>
/// A security advisory made from one or more cases. The editable text lives in <see cref="ContentJson"/> (one
/// <see cref="AdvisoryContent"/>); what the public sees is the content of the latest <see cref="AdvisoryRevision"/>,
/// so an update being prepared never leaks before its approval.
/// </summary>
public sealed class Advisory
{
    public long Id { get; set; }

    /// <summary>PREFIX-YYYY-NNNN, e.g. SDA-2026-0001; also the CSAF tracking id.</summary>
    public required string Number { get; set; }
    public required string Team { get; set; }
    public AdvisoryStatus Status { get; set; }
    public required string ContentJson { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who asked for review of the pending text (first publication or an update), and when; null when nothing is in review.</summary>
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>What the next revision changes (revision history summary); required for updates.</summary>
    public string? ChangeSummary { get; set; }

    /// <summary>True when the working text differs from the published revision (an update being prepared).</summary>
    public bool HasPendingChanges { get; set; }

    /// <summary>Latest published revision number (0 before the first publication).</summary>
    public int Revision { get; set; }
    public DateTimeOffset? InitialReleaseAt { get; set; }
    public DateTimeOffset? CurrentReleaseAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? WithdrawReason { get; set; }

    public List<AdvisoryCase> Cases { get; set; } = [];
    public List<AdvisoryRevision> Revisions { get; set; } = [];

    public AdvisoryContent Content
    {
        get => AdvisoryContent.FromJson(ContentJson);
        set => ContentJson = value.ToJson();
    }

    public bool IsInReview => SubmittedBy is not null;

    /// <summary>The contract's status word: draft, in-review, published, withdrawn.</summary>
    public string StatusWord => Status switch
    {
        AdvisoryStatus.Draft => "draft",
        AdvisoryStatus.InReview => "in-review",
        AdvisoryStatus.Published => "published",
        _ => "withdrawn",
    };
}

/// <summary>The cases an advisory is made from; their timelines carry the advisory's audit entries.</summary>
public sealed class AdvisoryCase
{
    public long AdvisoryId { get; set; }
    public long CaseId { get; set; }
}

/// <summary>One published revision: number, date, summary, who approved, the text as published and its CSAF document.</summary>
public sealed class AdvisoryRevision
{
    public long Id { get; set; }
    public long AdvisoryId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string Summary { get; set; }
    public required string SubmittedBy { get; set; }
    public required string ApprovedBy { get; set; }
    public required string ContentJson { get; set; }
    public required string CsafJson { get; set; }

    public AdvisoryContent Content => AdvisoryContent.FromJson(ContentJson);
}

/// <summary>A pair of texts, Japanese and English.</summary>
public sealed record Bilingual(string Ja, string En)
{
    public static readonly Bilingual Empty = new("", "");

    public string For(string lang) => lang == "ja" ? (Ja.Length > 0 ? Ja : En) : (En.Length > 0 ? En : Ja);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Ja) && string.IsNullOrWhiteSpace(En);
}

/// <summary>A product as typed in (no inventory yet): vendor, name, the affected versions and the fixed version.</summary>
public sealed record AffectedProduct(string Vendor, string Name, string AffectedVersions, string? FixedVersion);

/// <summary>A person or organisation credited, exactly as the reporter chose.</summary>
public sealed record Acknowledgement(string Name, string? Organization);

/// <summary>Everything an editor types (and the defaults taken from the cases). Serialized as JSON.</summary>
public sealed record AdvisoryContent
{
    public string Tlp { get; init; } = "CLEAR";
    public Bilingual Title { get; init; } = Bilingual.Empty;
    public Bilingual Summary { get; init; } = Bilingual.Empty;
    public Bilingual Details { get; init; } = Bilingual.Empty;
    public Bilingual Impact { get; init; } = Bilingual.Empty;
    public Bilingual Workarounds { get; init; } = Bilingual.Empty;
    public IReadOnlyList<AffectedProduct> Products { get; init; } = [];
    public string? CvssVector { get; init; }
    public string? CweId { get; init; }
    public IReadOnlyList<string> CveIds { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AdvisoryContent FromJson(string json) => JsonSerializer.Deserialize<AdvisoryContent>(json, Json) ?? new AdvisoryContent();
}

/// <summary>An e-mail address that asked for advisory notifications (double opt-in; one-click unsubscribe).</summary>
public sealed class AdvisorySubscription
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string Language { get; set; }

    /// <summary>The secret in the confirmation and unsubscribe links (it only confirms or ends this subscription).</summary>
    public required string Token { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }
}

internal sealed class AdvisoryConfiguration : IEntityTypeConfiguration<Advisory>
{
    public void Configure(EntityTypeBuilder<Advisory> b)
    {
        b.ToTable("Advisories");
        b.HasIndex(a => a.Number).IsUnique();
        b.Property(a => a.Number).HasMaxLength(64);
        b.Property(a => a.Team).HasMaxLength(64);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.Ignore(a => a.Content);
        b.HasMany(a => a.Cases).WithOne().HasForeignKey(c => c.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AdvisoryCaseConfiguration : IEntityTypeConfiguration<AdvisoryCase>
{
    public void Configure(EntityTypeBuilder<AdvisoryCase> b)
    {
        b.ToTable("AdvisoryCases");
        b.HasKey(c => new { c.AdvisoryId, c.CaseId });
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AdvisoryRevisionConfiguration : IEntityTypeConfiguration<AdvisoryRevision>
{
    public void Configure(EntityTypeBuilder<AdvisoryRevision> b)
    {
        b.ToTable("AdvisoryRevisions");
        b.HasIndex(r => new { r.AdvisoryId, r.Number }).IsUnique();
        b.Ignore(r => r.Content);
    }
}

internal sealed class AdvisorySubscriptionConfiguration : IEntityTypeConfiguration<AdvisorySubscription>
{
    public void Configure(EntityTypeBuilder<AdvisorySubscription> b)
    {
        b.ToTable("AdvisorySubscriptions");
        b.HasIndex(s => s.Token).IsUnique();
        b.Property(s => s.Token).HasMaxLength(64);
        b.HasIndex(s => s.Email);
        b.Property(s => s.Email).HasMaxLength(320);
        b.Property(s => s.Language).HasMaxLength(8);
    }
}
