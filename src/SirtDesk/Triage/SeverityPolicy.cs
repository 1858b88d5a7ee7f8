using System.Text.Json;
using SirtDesk.PublicSite;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Triage;

/// <summary>The team's internal severity levels, lowest first: 注意/Low, 警告/Medium, 重要/High, 緊急/Critical.</summary>
public enum InternalSeverity
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

public sealed record SeverityOption(string Value, LocalizedText Label, int Adjustment);

/// <summary>A product- or context-specific factor: each option moves the severity by whole levels.</summary>
public sealed record SeverityFactor(string Key, LocalizedText Name, IReadOnlyList<SeverityOption> Options);

/// <summary>One line of the explanation a case page shows.</summary>
public sealed record SeverityStep(LocalizedText Text, int Adjustment);

public sealed record SeverityAssessment(InternalSeverity Severity, IReadOnlyList<SeverityStep> Steps, int PolicyVersion)
{
    /// <summary>"base 7.5 High; exploit public: +1 level; on-premise only: −1 level → High".</summary>
    public string Explain(string language)
    {
        var parts = Steps.Select(s => s.Adjustment == 0 ? s.Text.For(language)
            : $"{s.Text.For(language)}: {(s.Adjustment > 0 ? "+" : "−")}{Math.Abs(s.Adjustment)} {(language == "ja" ? "段階" : Math.Abs(s.Adjustment) == 1 ? "level" : "levels")}");
        return string.Join(language == "ja" ? "、" : "; ", parts) + " → " + SeverityPolicy.Label(Severity).For(language);
    }
}

/// <summary>
/// How the internal severity follows from the CVSS score and the configured factors. Administrators edit it as
/// JSON; every save gets a new version, and only open cases are re-assessed (with a timeline entry).
/// </summary>
public sealed record SeverityPolicy(int Version, IReadOnlyList<SeverityFactor> Factors)
{
    public static readonly JsonSerializerOptions Json = TeamProfile.Json;

    public static LocalizedText Label(InternalSeverity s) => s switch
    {
        InternalSeverity.Critical => new("緊急", "Critical"),
        InternalSeverity.High => new("重要", "High"),
        InternalSeverity.Medium => new("警告", "Medium"),
        _ => new("注意", "Low"),
    };

    public static SeverityPolicy Default { get; } = new(1,
    [
        new("exploit", new("攻撃コード・実現可能性", "Exploit availability / feasibility"),
        [
            new("unknown", new("不明", "unknown"), 0),
            new("theoretical", new("理論上のみ", "theoretical only"), -1),
            new("public", new("攻撃コード公開済み", "exploit public"), 1),
            new("exploited", new("悪用を確認", "exploited in the wild"), 1),
        ]),
        new("exposure", new("露出", "Exposure"),
        [
            new("cloud", new("インターネットに公開されたクラウドサービス", "internet-facing cloud service"), 0),
            new("on-premise", new("オンプレミス製品のみ", "on-premise only"), -1),
            new("internal", new("社内ネットワークのみ", "internal network only"), -1),
        ]),
        new("deployment", new("導入規模", "Deployment base"),
        [
            new("typical", new("通常", "typical"), 0),
            new("wide", new("多数の顧客が利用", "widely deployed"), 1),
            new("limited", new("限定的", "limited"), -1),
        ]),
        new("data", new("扱うデータの機微度", "Data sensitivity"),
        [
            new("normal", new("通常", "normal"), 0),
            new("sensitive", new("個人情報・機密情報", "personal or confidential data"), 1),
        ]),
    ]);

    public SeverityAssessment Assess(in CvssScores scores, IReadOnlyDictionary<string, string> chosen)
    {
        var overall = scores.Overall;
        var cvssSeverity = scores.SeverityOf(overall);
        var level = cvssSeverity switch
        {
            CvssSeverity.Critical => 4,
            CvssSeverity.High => 3,
            CvssSeverity.Medium => 2,
            _ => 1,
        };
        var name = CvssJson.SeverityName(cvssSeverity);
        var steps = new List<SeverityStep>
        {
            new(new($"CVSS {overall} {name}", $"base {overall} {name[..1]}{name[1..].ToLowerInvariant()}"), 0),
        };
        foreach (var factor in Factors)
        {
            if (chosen.TryGetValue(factor.Key, out var value) && factor.Options.FirstOrDefault(o => o.Value == value) is { } option && option.Adjustment != 0)
            {
                steps.Add(new SeverityStep(option.Label, option.Adjustment));
                level += option.Adjustment;
            }
        }
        return new SeverityAssessment((InternalSeverity)Math.Clamp(level, 1, 4), steps, Version);
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (f, i) in Factors.Select((f, i) => (f, i)))
        {
            if (string.IsNullOrWhiteSpace(f.Key))
            {
                problems.Add($"factors[{i}].key is required");
            }
            if (f.Name is null || !f.Name.IsComplete)
            {
                problems.Add($"factors[{i}].name: both ja and en are required");
            }
            if (f.Options is null || f.Options.Count == 0)
            {
                problems.Add($"factors[{i}].options: at least one option is required");
                continue;
            }
            foreach (var (o, j) in f.Options.Select((o, j) => (o, j)))
            {
                if (o.Label is null || !o.Label.IsComplete)
                {
                    problems.Add($"factors[{i}].options[{j}].label: both ja and en are required");
                }
                if (o.Adjustment is < -3 or > 3)
                {
                    problems.Add($"factors[{i}].options[{j}].adjustment must be between -3 and 3");
                }
            }
        }
        if (Factors.Select(f => f.Key).Distinct().Count() != Factors.Count)
        {
            problems.Add("factor keys must be unique");
        }
        return problems;
    }
}
