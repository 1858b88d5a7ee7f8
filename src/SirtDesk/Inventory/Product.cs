using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SirtDesk.PublicSite;
using SirtDesk.Triage;

namespace SirtDesk.Inventory;

/// <summary>
/// A product the company ships (kind product: installed on premise) or a service it runs (kind service: cloud). Exposure
/// and deployment use the option values of the severity policy's factors of the same key, so a case about the product
/// can be pre-filled with them.
/// </summary>
public sealed class Product
{
    public long Id { get; set; }

    /// <summary>Stable identifier for URLs, CSV and CLI verbs: lowercase letters, digits, '.', '_' and '-'.</summary>
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public required string NameJa { get; set; }
    public required string NameEn { get; set; }

    /// <summary>The owning sub-team (a key of the team profile's teams).</summary>
    public required string Team { get; set; }
    public string Lifecycle { get; set; } = Lifecycles.Supported;

    /// <summary>The end-of-life date: required when the lifecycle is end-of-life, a planned date otherwise.</summary>
    public DateOnly? EndOfLife { get; set; }
    public required string Exposure { get; set; }
    public required string Deployment { get; set; }
    public List<ProductVersion> Versions { get; set; } = [];

    public LocalizedText Name => new(NameJa, NameEn);
}

/// <summary>One release of a product (or a service's deployed version) with its own lifecycle.</summary>
public sealed class ProductVersion
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public Product? Product { get; set; }
    public required string Version { get; set; }
    public DateOnly? ReleasedOn { get; set; }
    public string Lifecycle { get; set; } = Lifecycles.Supported;
    public DateOnly? EndOfLife { get; set; }
}

public static class ProductKinds
{
    public const string Product = "product";
    public const string Service = "service";
    public static readonly IReadOnlyList<string> All = [Product, Service];
}

public static class Lifecycles
{
    public const string Supported = "supported";
    public const string EndOfLife = "end-of-life";
    public static readonly IReadOnlyList<string> All = [Supported, EndOfLife];
}

/// <summary>The vocabulary of the triage factors an inventory entry carries, read from the severity policy in force.</summary>
public static class InventoryFacts
{
    public const string ExposureFactor = "exposure";
    public const string DeploymentFactor = "deployment";

    public static IReadOnlyList<SeverityOption> Options(SeverityPolicy policy, string factor) =>
        (policy.Factors.FirstOrDefault(f => f.Key == factor) ?? SeverityPolicy.Default.Factors.First(f => f.Key == factor)).Options;

    public static string Label(SeverityPolicy policy, string factor, string value, string language) =>
        Options(policy, factor).FirstOrDefault(o => o.Value == value)?.Label.For(language) ?? value;

    /// <summary>The triage factor values a case about this product starts with (factor key → option value).</summary>
    public static IReadOnlyDictionary<string, string> TriageFactors(Product product) =>
        new Dictionary<string, string> { [ExposureFactor] = product.Exposure, [DeploymentFactor] = product.Deployment };
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("Products");
        b.HasIndex(p => p.Key).IsUnique();
        b.HasIndex(p => p.Team);
        b.Property(p => p.Key).HasMaxLength(64);
        b.Property(p => p.Kind).HasMaxLength(16);
        b.Property(p => p.NameJa).HasMaxLength(200);
        b.Property(p => p.NameEn).HasMaxLength(200);
        b.Property(p => p.Team).HasMaxLength(64);
        b.Property(p => p.Lifecycle).HasMaxLength(16);
        b.Property(p => p.Exposure).HasMaxLength(32);
        b.Property(p => p.Deployment).HasMaxLength(32);
        b.Ignore(p => p.Name);
        b.HasMany(p => p.Versions).WithOne(v => v.Product).HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductVersionConfiguration : IEntityTypeConfiguration<ProductVersion>
{
    public void Configure(EntityTypeBuilder<ProductVersion> b)
    {
        b.ToTable("ProductVersions");
        b.HasIndex(v => new { v.ProductId, v.Version }).IsUnique();
        b.Property(v => v.Version).HasMaxLength(64);
        b.Property(v => v.Lifecycle).HasMaxLength(16);
    }
}

/// <summary>The model of the shared product form fields (create on the list, edit on the product page).</summary>
public sealed record ProductFieldsView(string Prefix, Product? Product, IReadOnlyList<SubTeam> Teams, SeverityPolicy Policy);
