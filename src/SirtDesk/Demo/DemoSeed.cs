using Microsoft.EntityFrameworkCore;
using SirtDesk.Advisories;
using SirtDesk.Cases;
using SirtDesk.Coordination;
using SirtDesk.Data;
using SirtDesk.Disclosure;
using SirtDesk.Intake;
using SirtDesk.PublicSite;
using SirtDesk.Standards.Cvss;
using SirtDesk.Triage;
using SirtDesk.Web;

namespace SirtDesk.Demo;

/// <summary>
/// <c>sirtdesk demo seed</c>: fills an empty database with demo data for trying the product and for screenshots —
/// reports to both teams in Japanese and English, cases in every state with participants, an embargo and a
/// JPCERT/CC record, and published advisories in both languages. Everything goes through the same operations the
/// pages use (intake, case actions, coordination, the four-eyes advisory workflow); addresses are example domains
/// and the queued mails are marked as not sent.
/// </summary>
public static class DemoSeed
{
    private const string Author = "demo-analyst@example.com";
    private const string Approver = "demo-coordinator@example.com";

    public static async Task<int> RunAsync(WebApplication app, CommandLine cli)
    {
        if (cli.VerbArgs.Count < 1 || cli.VerbArgs[0] != "seed")
        {
            await Console.Error.WriteLineAsync("usage: sirtdesk demo seed");
            return Verbs.Usage;
        }
        await app.PrepareDatabaseAsync();
        await using (var check = app.Services.CreateAsyncScope())
        {
            var db = check.ServiceProvider.GetRequiredService<SirtDb>();
            if (await db.Reports.AnyAsync() || await db.Cases.AnyAsync() || await db.Set<Advisory>().AnyAsync())
            {
                await Console.Error.WriteLineAsync("sirtdesk: the database is not empty; demo data goes only into an empty one.");
                return Verbs.Failed;
            }
        }
        var config = app.Services.GetRequiredService<IConfiguration>();
        var baseUrl = PublicSiteModule.BaseUrl(config);
        var writer = app.Services.GetRequiredService<IntakeWriter>();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            var summary = await SeedAsync(app.Services, writer, baseUrl, CancellationToken.None);
            foreach (var line in summary)
            {
                Console.WriteLine(line);
            }
            return Verbs.Ok;
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private sealed record DemoReport(ReportKind Kind, string Language, string Title, string Description, string? Product, string? Version,
        string ReporterName, string ReporterEmail, string? Organization, string Credit, string? Vector, CaseStatus? Status);

    private static readonly DemoReport[] Reports =
    [
        new(ReportKind.Vulnerability, "ja", "Kumo Portal の検索欄におけるクロスサイトスクリプティング",
            "検索欄に <script>alert(document.cookie)</script> を入力すると、結果ページでスクリプトが実行されます。ログイン中の利用者のセッションが盗まれるおそれがあります。",
            "Kumo Portal", "4.2.0", "山田 花子", "hanako.yamada@example.jp", "例示セキュリティ研究所", "name", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", CaseStatus.Closed),
        new(ReportKind.Vulnerability, "en", "SQL injection in the Kumo Gateway admin API",
            "The `sort` parameter of GET /admin/api/users is concatenated into the SQL query: sort=name;DROP TABLE users-- is executed.",
            "Kumo Gateway", "2.8.1", "Alex Rivera", "alex.rivera@example.org", "Example Research", "name", "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", CaseStatus.Closed),
        new(ReportKind.Vulnerability, "ja", "Sora Router のファームウェア更新処理で署名が検証されない",
            "細工したファームウェアイメージを LAN 側から送信すると、署名検証なしに書き込まれます。",
            "Sora Router", "1.9", "佐藤 一郎", "ichiro.sato@example.ne.jp", null, "name", "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CaseStatus.Closed),
        new(ReportKind.Vulnerability, "en", "Path traversal in the Kumo Portal file download",
            "GET /download?file=../../etc/passwd returns the file. Tested on 4.2.0.",
            "Kumo Portal", "4.2.0", "Anonymous researcher", "anon-4711@example.net", null, "anonymous", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", CaseStatus.WaitingOnVendor),
        new(ReportKind.Vulnerability, "ja", "Kumo Mobile アプリがログに認証トークンを出力する",
            "Android 版 3.1.0 で、デバッグログに Bearer トークンがそのまま出力されています。",
            "Kumo Mobile", "3.1.0", "鈴木 次郎", "jiro.suzuki@example.jp", null, "name", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", CaseStatus.WaitingOnReporter),
        new(ReportKind.Vulnerability, "en", "Open redirect after sign-in",
            "The returnUrl parameter accepts https://evil.example/ and redirects there after sign-in.",
            "Kumo Portal", "4.1.3", "Sam Lee", "sam.lee@example.com", null, "name", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N", CaseStatus.InProgress),
        new(ReportKind.Vulnerability, "ja", "管理画面の CSRF 対策が不十分",
            "設定変更フォームにトークンがなく、外部サイトから設定を変更できます。",
            "Kumo Gateway", "2.8.1", "高橋 三郎", "saburo.takahashi@example.co.jp", "高橋セキュリティ", "name", null, CaseStatus.Triage),
        new(ReportKind.Vulnerability, "en", "Denial of service with oversized headers",
            "Sending a 1 MB Cookie header makes the gateway worker restart.",
            "Kumo Gateway", "2.7.0", "Chris Kim", "chris.kim@example.org", null, "name", null, CaseStatus.Open),
        new(ReportKind.Vulnerability, "ja", "ドキュメントの誤記",
            "マニュアルの 3.2 節のコマンド例が古いバージョンのものです。",
            "Kumo Portal", null, "田中 四郎", "shiro.tanaka@example.jp", null, "name", null, null),
        new(ReportKind.Incident, "ja", "社内メールサーバーへの不審なログイン試行",
            "2026 年 11 月 20 日 02:00 頃から、海外の複数の IP アドレスから管理者アカウントへのログイン試行が続いています。",
            null, null, "情報システム部 伊藤", "it-ops@example.co.jp", "株式会社サンプル", "name", null, CaseStatus.InProgress),
        new(ReportKind.Incident, "en", "Phishing mail impersonating our support desk",
            "Customers received mail from support@examp1e.com asking them to reset their password on a look-alike site.",
            null, null, "Dana Park", "dana.park@example.com", "Customer Co.", "name", null, CaseStatus.Open),
        new(ReportKind.Incident, "ja", "公開 Web サーバーの改ざん",
            "トップページに第三者の画像が表示されています。ログを保全済みです。",
            null, null, "渡辺 五郎", "goro.watanabe@example.jp", null, "anonymous", null, CaseStatus.Closed),
    ];

    private static async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, IntakeWriter writer, string baseUrl, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var summary = new List<string>();
        var opened = new List<(DemoReport Demo, string Case)>();
        foreach (var r in Reports)
        {
            var receipt = await writer.SubmitAsync(new NewReport(r.Kind, r.Language, "web", r.Title, r.Description, r.Product, r.Version,
                r.Kind == ReportKind.Vulnerability ? "CWE-79" : null, null, null, null, null, null,
                r.Kind == ReportKind.Incident ? "mail.example.co.jp" : null, null, null, null, null,
                r.ReporterName, r.ReporterEmail, r.Organization, null, r.Credit, []), baseUrl, ct);
            summary.Add($"report {receipt.TrackingNumber}: {r.Title}");
            if (r.Status is null)
            {
                continue;
            }
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var ops = scope.ServiceProvider.GetRequiredService<CaseOperations>();
            var report = await db.Reports.SingleAsync(x => x.TrackingNumber == receipt.TrackingNumber, ct);
            var @case = await ops.OpenCaseAsync(report, Author, ct);
            await ops.ChangeTlpAsync(@case, "GREEN", Author, ct);
            if (r.Status != CaseStatus.Open)
            {
                await ops.RecordReplyAsync(@case, Author, ct);
            }
            if (r.Vector is not null)
            {
                var policy = await scope.ServiceProvider.GetRequiredService<SeverityPolicyStore>().GetAsync(ct);
                await ops.RescoreAsync(@case, CvssVector.Parse(r.Vector).Vector, new Dictionary<string, string>(), policy, "demo triage", Author, ct);
            }
            await ops.ChangeStatusAsync(@case, r.Status.Value, Author, ct);
            opened.Add((r, @case.Number));
            summary.Add($"case {@case.Number}: {r.Status.Value}");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var coordination = scope.ServiceProvider.GetRequiredService<CoordinationOperations>();
            var disclosure = scope.ServiceProvider.GetRequiredService<DisclosureOperations>();
            var vendorOrg = await coordination.CreateOrganizationAsync(new NewOrganization("Example Components Inc.", "vendor", null), ct);
            var (vendor, _) = await coordination.AddContactAsync(vendorOrg, new NewContact("Product Security", "psirt@components.example", "en", "America/Los_Angeles", null), ct);
            var jpcert = await db.Set<Contact>().Include(c => c.Organization).FirstOrDefaultAsync(c => c.Email == "vuls@jpcert.or.jp", ct);
            var waiting = opened.First(o => o.Demo.Status == CaseStatus.WaitingOnVendor).Case;
            var @case = await db.Cases.SingleAsync(c => c.Number == waiting, ct);
            var vulnerability = await coordination.AddVulnerabilityAsync(@case, "Path traversal in file download", null, Author, ct);
            if (vendor is not null && await coordination.AddParticipantAsync(@case, vendor, "vendor", Author, ct) is { } participant)
            {
                await coordination.SetVendorStatusAsync(@case, vulnerability.Id, participant.Id, "under-investigation", "Reproduced; a fix is planned for 4.2.1.", Author, ct);
            }
            if (jpcert is not null)
            {
                await coordination.AddParticipantAsync(@case, jpcert, "coordinator", Author, ct);
            }
            var embargo = clock.GetUtcNow().AddDays(45);
            await disclosure.ChangeEmbargoAsync(@case, new EmbargoChange(TimeZoneInfo.ConvertTime(embargo, DisclosureFormats.Jst).ToString("yyyy-MM-ddT10:00", System.Globalization.CultureInfo.InvariantCulture),
                DisclosureFormats.Jst.Id, "Europe/Berlin", "demo: agreed with the vendor and JPCERT/CC"), Author, ct);
            await disclosure.ChangeCoordinationAsync(@case, new CoordinationChange("JVNVU#90000001", clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null,
                "調査中です。修正版を準備しています。", "Under investigation; a fix is being prepared."), Author, ct);
            summary.Add($"case {waiting}: participants (vendor, JPCERT/CC), embargo, JPCERT/CC record");
        }

        var advisories = new (string Case, AdvisoryContent Content)[]
        {
            (opened[0].Case, new AdvisoryContent
            {
                Title = new("Kumo Portal におけるクロスサイトスクリプティングの脆弱性", "Cross-site scripting in Kumo Portal"),
                Summary = new("Kumo Portal の検索機能にクロスサイトスクリプティングの脆弱性があります。", "The search function of Kumo Portal is vulnerable to cross-site scripting."),
                Details = new("検索語がエスケープされずに結果ページに出力されます。", "Search terms are written to the result page without escaping."),
                Impact = new("ログイン中の利用者のブラウザ上で任意のスクリプトが実行される可能性があります。", "Arbitrary script may run in the browser of a signed-in user."),
                Workarounds = new("修正版へ更新してください。", "Update to the fixed version."),
                Products = [new("Example Corp", "Kumo Portal", "< 4.2.1", "4.2.1")],
                CvssVector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
                CweId = "CWE-79",
                CveIds = ["CVE-2026-90001"],
                References = ["https://jvn.jp/"],
                Acknowledgements = [new("山田 花子", "例示セキュリティ研究所")],
            }),
            (opened[1].Case, new AdvisoryContent
            {
                Title = new("Kumo Gateway 管理 API における SQL インジェクションの脆弱性", "SQL injection in the Kumo Gateway admin API"),
                Summary = new("Kumo Gateway の管理 API に SQL インジェクションの脆弱性があります。", "The admin API of Kumo Gateway is vulnerable to SQL injection."),
                Details = new("並べ替えパラメータが SQL 文に連結されます。", "The sort parameter is concatenated into an SQL statement."),
                Impact = new("管理者権限を持つ攻撃者がデータベースを改ざんできます。", "An attacker with administrator rights can alter the database."),
                Workarounds = new("管理 API へのアクセスを信頼できるネットワークに限定してください。", "Restrict access to the admin API to trusted networks."),
                Products = [new("Example Corp", "Kumo Gateway", ">= 2.0 < 2.8.2", "2.8.2")],
                CvssVector = "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H",
                CweId = "CWE-89",
                CveIds = ["CVE-2026-90002"],
                Acknowledgements = [new("Alex Rivera", "Example Research")],
            }),
            (opened[2].Case, new AdvisoryContent
            {
                Title = new("Sora Router におけるファームウェア署名検証不備", "Missing firmware signature verification in Sora Router"),
                Summary = new("Sora Router はファームウェア更新時に署名を検証しません。", "Sora Router does not verify the signature of firmware updates."),
                Details = new("LAN 側から細工したイメージを書き込めます。", "A crafted image can be written from the LAN side."),
                Impact = new("隣接ネットワークの攻撃者が機器を制御できます。", "An attacker on the adjacent network can take control of the device."),
                Workarounds = new("ファームウェア 2.0 に更新してください。", "Update to firmware 2.0."),
                Products = [new("Example Corp", "Sora Router", "<= 1.9", "2.0")],
                CvssVector = "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                CweId = "CWE-347",
                CveIds = ["CVE-2026-90003"],
                Acknowledgements = [new("佐藤 一郎", null)],
            }),
        };
        foreach (var (caseNumber, content) in advisories)
        {
            await using var scope = services.CreateAsyncScope();
            var ops = scope.ServiceProvider.GetRequiredService<AdvisoryOperations>();
            var (advisory, problems) = await ops.CreateAsync([caseNumber], Author, ct);
            if (advisory is null)
            {
                throw new InvalidOperationException("demo advisory: " + string.Join(", ", problems.Select(p => p.Key)));
            }
            problems = await ops.SaveAsync(advisory, content, null, Author, ct);
            problems = problems.Count > 0 ? problems : await ops.SubmitForReviewAsync(advisory, Author, ct);
            problems = problems.Count > 0 ? problems : await ops.ApproveAndPublishAsync(advisory, Approver, baseUrl, ct);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"demo advisory {advisory.Number}: " + string.Join(", ", problems.Select(p => $"{p.Key} {p.Test} {p.Pointer} {p.Message}")));
            }
            summary.Add($"advisory {advisory.Number}: published — {content.Title.En}");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            // Demo reporters and partners are example addresses: nothing queued for them is ever sent.
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var now = clock.GetUtcNow();
            await db.Outbox.Where(o => o.SentAt == null && o.GivenUpAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.GivenUpAt, now).SetProperty(o => o.LastError, "demo data: not sent"), ct);
        }
        return summary;
    }
}
