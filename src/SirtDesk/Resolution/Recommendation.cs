using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SirtDesk.Resolution;

/// <summary>A reusable piece of recurrence-prevention advice, in Japanese and English, kept by staff.</summary>
public sealed class Recommendation
{
    public long Id { get; set; }
    public required string TitleJa { get; set; }
    public required string TitleEn { get; set; }
    public string TextJa { get; set; } = "";
    public string TextEn { get; set; } = "";

    /// <summary>A retired entry stays on the cases that use it but is no longer offered.</summary>
    public bool Retired { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Title(string lang) => lang == "ja" ? TitleJa : TitleEn;
}

public enum RecommendationStatus
{
    Proposed,
    Accepted,
    Done,
    Declined,
}

/// <summary>A library recommendation proposed on one case, and how far it got.</summary>
public sealed class CaseRecommendation
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public Cases.Case? Case { get; set; }
    public long RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public RecommendationStatus Status { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }

    public bool IsOpen => Status is RecommendationStatus.Proposed or RecommendationStatus.Accepted;

    public static readonly System.Linq.Expressions.Expression<Func<CaseRecommendation, bool>> Open =
        r => r.Status == RecommendationStatus.Proposed || r.Status == RecommendationStatus.Accepted;
}

/// <summary>What happened on a case, why, and what contributed: the basis of the recommendations.</summary>
public sealed class RootCauseAnalysis
{
    public long CaseId { get; set; }
    public string WhatHappened { get; set; } = "";
    public string Why { get; set; } = "";
    public string ContributingFactors { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> b)
    {
        b.Property(r => r.TitleJa).HasMaxLength(200);
        b.Property(r => r.TitleEn).HasMaxLength(200);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        b.HasData(
            new Recommendation { Id = 1, UpdatedAt = at, TitleJa = "管理者アカウントに多要素認証を必須とする", TitleEn = "Enable MFA for administrative accounts", TextJa = "管理画面、VPN、クラウド管理コンソールなど、管理者権限でのログインにはすべて多要素認証を必須にしてください。", TextEn = "Require multi-factor authentication for every administrative login: management consoles, VPN and cloud administration." },
            new Recommendation { Id = 2, UpdatedAt = at, TitleJa = "セキュリティ更新を速やかに適用する", TitleEn = "Apply security updates promptly", TextJa = "製品とその依存コンポーネントの更新情報を把握し、重要な更新は定めた期限内に適用してください。", TextEn = "Track updates for the product and its components and apply important ones within an agreed time." },
            new Recommendation { Id = 3, UpdatedAt = at, TitleJa = "管理インターフェースをインターネットに公開しない", TitleEn = "Do not expose management interfaces to the internet", TextJa = "管理用のポートや画面は社内ネットワークまたは VPN 経由に限定してください。", TextEn = "Restrict management ports and pages to the internal network or a VPN." },
            new Recommendation { Id = 4, UpdatedAt = at, TitleJa = "初期パスワードを変更し、使い回しをやめる", TitleEn = "Change default passwords and stop reusing them", TextJa = "出荷時のパスワードは導入時に必ず変更し、システム間で同じパスワードを使わないでください。", TextEn = "Change factory passwords at installation and never share a password between systems." },
            new Recommendation { Id = 5, UpdatedAt = at, TitleJa = "ログを集中保管し、一定期間保持する", TitleEn = "Centralise logs and keep them for a set period", TextJa = "認証・管理操作のログを改ざんされにくい場所に集め、調査に必要な期間保持してください。", TextEn = "Collect authentication and administration logs where they cannot easily be altered, and keep them as long as an investigation needs." });
    }
}

internal sealed class CaseRecommendationConfiguration : IEntityTypeConfiguration<CaseRecommendation>
{
    public void Configure(EntityTypeBuilder<CaseRecommendation> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(r => new { r.CaseId, r.RecommendationId }).IsUnique();
        b.HasIndex(r => r.Status);
        b.HasOne(r => r.Case).WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Recommendation).WithMany().HasForeignKey(r => r.RecommendationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RootCauseAnalysisConfiguration : IEntityTypeConfiguration<RootCauseAnalysis>
{
    public void Configure(EntityTypeBuilder<RootCauseAnalysis> b)
    {
        b.HasKey(r => r.CaseId);
        b.HasOne<Cases.Case>().WithOne().HasForeignKey<RootCauseAnalysis>(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
