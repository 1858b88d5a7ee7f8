using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.PublicSite;

namespace SirtDesk.Prevention;

/// <summary>
/// The checklist of each review kind, bilingual, stored as a setting (built-in until an administrator saves one). A
/// review copies the items when it is created, so later edits do not change reviews already under way.
/// </summary>
public sealed class ReviewTemplates(SirtDb db, TimeProvider clock)
{
    public static string SettingKey(string kind) => "review-template:" + kind;

    public static IReadOnlyList<LocalizedText> Default(string kind) => kind == ReviewKinds.VerificationPlan
        ?
        [
            new("脅威分析の結果が検証項目に反映されている", "The threat analysis is reflected in the test items"),
            new("認証・認可・セッション管理の検証が含まれている", "Authentication, authorisation and session handling are tested"),
            new("入力値検証（インジェクション、XSS）の検証が含まれている", "Input validation (injection, XSS) is tested"),
            new("使用しているサードパーティ製コンポーネントの既知脆弱性を確認している", "Known vulnerabilities of third-party components are checked"),
            new("前回のリリースで見つかった問題の再発防止が確認されている", "Fixes for issues found in the previous release are verified"),
        ]
        :
        [
            new("連絡体制（窓口、エスカレーション先、夜間・休日）が最新である", "Contacts (desk, escalation, nights and holidays) are up to date"),
            new("インシデントの分類と優先度の基準が定義されている", "Incident categories and priority rules are defined"),
            new("証拠保全の手順が定義されている", "Evidence preservation is described"),
            new("広報・法務との連携手順が定義されている", "Working with PR and Legal is described"),
            new("前回の演習またはインシデントの教訓が反映されている", "Lessons from the last exercise or incident are included"),
        ];

    public async Task<IReadOnlyList<LocalizedText>> GetAsync(string kind, CancellationToken ct)
    {
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey(kind), ct);
        return stored is null ? Default(kind) : JsonSerializer.Deserialize<List<LocalizedText>>(stored.Value, TeamProfile.Json) ?? Default(kind);
    }

    /// <summary>Saves the items (pairs with both texts empty are dropped); every kept item needs both languages.</summary>
    public async Task<string?> SaveAsync(string kind, IReadOnlyList<(string? Ja, string? En)> items, CancellationToken ct)
    {
        var kept = items.Where(i => !string.IsNullOrWhiteSpace(i.Ja) || !string.IsNullOrWhiteSpace(i.En)).ToList();
        if (kept.Count == 0)
        {
            return "Prev_TemplateEmpty";
        }
        if (kept.Any(i => string.IsNullOrWhiteSpace(i.Ja) || string.IsNullOrWhiteSpace(i.En) || i.Ja.Trim().Length > 1000 || i.En.Trim().Length > 1000))
        {
            return "Prev_TemplateBothLanguages";
        }
        var value = kept.Select(i => new LocalizedText(i.Ja!.Trim(), i.En!.Trim())).ToList();
        await db.PutSettingAsync(SettingKey(kind), JsonSerializer.Serialize(value, TeamProfile.Json), clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
