using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Coordination;

/// <summary>An outside (or internal) organisation the team works with. Kind and unit are stored in their API spelling.</summary>
public sealed class Organization
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }

    /// <summary>legal, pr or other: only for kind internal.</summary>
    public string? Unit { get; set; }
    public List<Contact> Contacts { get; set; } = [];
}

/// <summary>A person or mailbox of an organisation. Its OpenPGP key lives in the keyring as a partner key.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public string? Name { get; set; }
    public required string Email { get; set; }
    public string Language { get; set; } = "ja";
    public string TimeZone { get; set; } = "Asia/Tokyo";
    public string? PgpFingerprint { get; set; }
}

public static class OrganizationKinds
{
    public static readonly IReadOnlyList<string> All =
        ["national-cert", "vendor", "reporter-org", "customer", "internal", "law-enforcement", "press", "regulator", "other"];

    public static readonly IReadOnlyList<string> Units = ["legal", "pr", "other"];
}

/// <summary>
/// The police/press rule: nobody messages these kinds directly. A message to one is a request that only the named role
/// approves (then it leaves from the team address) or declines. The description page's policy sentence is generated
/// from this table too, so the published promise and the enforced rule cannot drift apart.
/// </summary>
public static class ContactRule
{
    private static readonly Dictionary<string, string> ApproverByKind = new()
    {
        ["law-enforcement"] = Staff.Roles.Legal,
        ["regulator"] = Staff.Roles.Legal,
        ["press"] = Staff.Roles.PR,
    };

    /// <summary>The role that must approve a message to an organisation of this kind; null when staff may write directly.</summary>
    public static string? ApproverFor(string kind) => ApproverByKind.GetValueOrDefault(kind);

    public static IEnumerable<string> RestrictedKinds => ApproverByKind.Keys;

    /// <summary>The restricted kinds grouped by the role that approves them, for the description page's policy sentence.</summary>
    public static IEnumerable<(string Role, IReadOnlyList<string> Kinds)> Groups =>
        ApproverByKind.GroupBy(kv => kv.Value).Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(kv => kv.Key)]));
}

/// <summary>Seed entries of the directory, inserted by the Coordination migration.</summary>
public static class DirectorySeed
{
    // JPCERT/CC's published address for vulnerability coordination (https://www.jpcert.or.jp/vh/ and its contact page).
    public const string JpcertEmail = "vuls@jpcert.or.jp";

    // IPA's published address for vulnerability-report enquiries (https://www.ipa.go.jp/security/todokede/vuln/).
    public const string IpaEmail = "vuln-inq@ipa.go.jp";

    public const string Sql = $"""
        INSERT INTO "Organizations" ("Name", "Kind") VALUES ('JPCERT/CC', 'national-cert');
        INSERT INTO "Organizations" ("Name", "Kind") VALUES ('IPA', 'national-cert');
        INSERT INTO "Contacts" ("OrganizationId", "Name", "Email", "Language", "TimeZone")
            SELECT "Id", 'JPCERT/CC Vulnerability Coordination', '{JpcertEmail}', 'ja', 'Asia/Tokyo' FROM "Organizations" WHERE "Name" = 'JPCERT/CC';
        INSERT INTO "Contacts" ("OrganizationId", "Name", "Email", "Language", "TimeZone")
            SELECT "Id", 'IPA 脆弱性届出', '{IpaEmail}', 'ja', 'Asia/Tokyo' FROM "Organizations" WHERE "Name" = 'IPA';
        """;
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("Organizations");
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Kind).HasMaxLength(32);
        b.Property(o => o.Unit).HasMaxLength(16);
        b.HasIndex(o => o.Name);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("Contacts");
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(320);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.TimeZone).HasMaxLength(64);
        b.Property(c => c.PgpFingerprint).HasMaxLength(64);
        b.HasIndex(c => c.Email);
        b.HasOne(c => c.Organization).WithMany(o => o.Contacts).HasForeignKey(c => c.OrganizationId);
    }
}
