using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Components;

/// <summary>
/// One OSV advisory as last imported. The columns staff read (id, aliases, summary, severity) are stored as such; the
/// <c>affected</c> array is kept verbatim as JSON and handed to the Standards matcher, so the version semantics live in
/// one place. Instants are UTC ticks so that "newer than" is a plain integer comparison on both providers.
/// </summary>
public sealed class OsvAdvisory
{
    public long Id { get; set; }
    public required string OsvId { get; set; }
    public long ModifiedTicks { get; set; }
    public long? WithdrawnTicks { get; set; }

    /// <summary>Aliases (CVE ids and others), separated by single spaces.</summary>
    public string Aliases { get; set; } = "";
    public string? Summary { get; set; }

    /// <summary>critical, high, medium, low, none or unknown: from the advisory's CVSS vector, else the database's own label.</summary>
    public required string Severity { get; set; }

    /// <summary>The CVSS vector the severity came from, when there was one.</summary>
    public string? SeverityVector { get; set; }

    /// <summary>The advisory's <c>affected</c> array, verbatim JSON.</summary>
    public required string Affected { get; set; }

    public bool Withdrawn => WithdrawnTicks is not null;
    public DateTimeOffset Modified => new(ModifiedTicks, TimeSpan.Zero);
}

/// <summary>
/// One (ecosystem, package name) an advisory names, normalised to <see cref="Key"/>: the index that finds the few
/// advisories worth handing to the matcher for a set of components (and the components worth re-matching after an import).
/// </summary>
public sealed class OsvPackage
{
    public long Id { get; set; }
    public long AdvisoryId { get; set; }
    public required string Key { get; set; }
}

internal sealed class OsvAdvisoryConfiguration : IEntityTypeConfiguration<OsvAdvisory>
{
    public void Configure(EntityTypeBuilder<OsvAdvisory> b)
    {
        b.ToTable("OsvAdvisories");
        b.HasIndex(a => a.OsvId).IsUnique();
        b.Property(a => a.OsvId).HasMaxLength(255);
        b.Property(a => a.Severity).HasMaxLength(16);
        b.Property(a => a.SeverityVector).HasMaxLength(256);
        b.Ignore(a => a.Withdrawn);
        b.Ignore(a => a.Modified);
    }
}

internal sealed class OsvPackageConfiguration : IEntityTypeConfiguration<OsvPackage>
{
    public void Configure(EntityTypeBuilder<OsvPackage> b)
    {
        b.ToTable("OsvPackages");
        b.HasIndex(p => p.Key);
        b.HasIndex(p => p.AdvisoryId);
        b.Property(p => p.Key).HasMaxLength(512);
        b.HasOne<OsvAdvisory>().WithMany().HasForeignKey(p => p.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
