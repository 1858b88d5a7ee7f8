using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Advisories;
using SirtDesk.Standards.Csaf;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Advisories;

public sealed class AdvisoryTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private static Dictionary<string, string> Form(AdvisoryContent c, string? changeSummary = null) => new()
    {
        ["tlp"] = c.Tlp,
        ["titleJa"] = c.Title.Ja,
        ["titleEn"] = c.Title.En,
        ["summaryJa"] = c.Summary.Ja,
        ["summaryEn"] = c.Summary.En,
        ["detailsJa"] = c.Details.Ja,
        ["detailsEn"] = c.Details.En,
        ["impactJa"] = c.Impact.Ja,
        ["impactEn"] = c.Impact.En,
        ["workaroundsJa"] = c.Workarounds.Ja,
        ["workaroundsEn"] = c.Workarounds.En,
        ["products"] = string.Join("\n", c.Products.Select(p => $"{p.Vendor} | {p.Name} | {p.AffectedVersions} | {p.FixedVersion}")),
        ["cvssVector"] = c.CvssVector ?? "",
        ["cweId"] = c.CweId ?? "",
        ["cveIds"] = string.Join(' ', c.CveIds),
        ["references"] = string.Join("\n", c.References),
        ["changeSummary"] = changeSummary ?? "",
    };

    private async Task<HttpClient> StaffAsync(string email, string role)
    {
        if (!await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)))
        {
            await app.CreateStaffAsync(email, role, "psirt");
        }
        return await app.SignInAsync(email);
    }

    private HttpClient Bearer(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task An_advisory_is_written_from_a_case_reviewed_by_a_second_person_published_and_updated_with_its_revisions_listed()
    {
        var author = await StaffAsync("adv-author@example.com", "Coordinator");
        var reviewer = await StaffAsync("adv-reviewer@example.com", "Analyst");
        var caseNumber = await app.TriagedCaseAsync("検索画面の XSS", "CVE-2026-20001");

        var created = await author.PostFormAsync("/staff/advisories?handler=Create", new() { ["caseNumbers"] = caseNumber }, formPage: "/staff/advisories");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var number = path.Split('/')[^1];
        Assert.Matches(@"^SDA-20\d\d-\d{4}$", number);

        // Defaults from the case: its triage vector, the CVE of its disclosure record, the reporter credited by name as chosen.
        var draft = await author.GetStringAsync(path);
        Assert.Contains(AdvisoryStepsVector, draft, StringComparison.Ordinal);
        Assert.Contains("CVE-2026-20001", draft, StringComparison.Ordinal);
        Assert.Contains("山田 太郎 (Example Security)", draft, StringComparison.Ordinal);

        // Publishing needs both languages.
        var text = AdvisorySteps.Text(cve: "CVE-2026-20001");
        var oneLanguage = await author.PostFormAsync($"{path}?handler=Submit", Form(text with { Summary = new("概要だけ日本語", "") }), formPage: path);
        Assert.Equal(HttpStatusCode.BadRequest, oneLanguage.StatusCode);
        Assert.Contains("data-key=\"AdvisoryBothLanguagesRequired\"", await oneLanguage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var submitted = await author.PostFormAsync($"{path}?handler=Submit", Form(text), formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var inReview = await author.GetStringAsync(path);
        Assert.Contains("data-status=\"in-review\"", inReview, StringComparison.Ordinal);
        Assert.Contains("id=\"four-eyes\"", inReview, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve\"", inReview, StringComparison.Ordinal);

        // Four eyes: the author's own approval is refused by the page and by the API, and the refusal is on the case timeline.
        var selfApproved = await author.PostFormAsync($"{path}?handler=Approve", [], formPage: path);
        Assert.Equal(HttpStatusCode.Forbidden, selfApproved.StatusCode);
        Assert.Contains("data-key=\"AdvisoryFourEyes\"", await selfApproved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await Bearer(await app.CreateTokenAsync("adv-author@example.com")).PostAsync($"/api/v1/advisories/{number}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("AdvisoryFourEyes", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("in-review", (await app.WithDbAsync(db => db.Set<Advisory>().SingleAsync(a => a.Number == number))).StatusWord);

        Assert.Contains("id=\"approve\"", await reviewer.GetStringAsync(path), StringComparison.Ordinal);
        var approved = await reviewer.PostFormAsync($"{path}?handler=Approve", [], formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        // The case page lists the advisory made from it, with its status.
        var casePage = await reviewer.GetStringAsync($"/staff/cases/{caseNumber}");
        var listed = casePage[casePage.IndexOf("id=\"case-advisories\"", StringComparison.Ordinal)..];
        Assert.Contains($"<a href=\"/staff/advisories/{number}\">{number}</a> <span>(published)", listed, StringComparison.Ordinal);

        var caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == caseNumber).Select(c => c.Id).SingleAsync());
        var timeline = await app.WithDbAsync(db => db.Timeline.Where(t => t.CaseId == caseId).OrderBy(t => t.Id).Select(t => t.Action + " " + t.Actor).ToListAsync());
        Assert.Equal(["advisory.created adv-author@example.com", "advisory.submitted adv-author@example.com", "advisory.approval-refused adv-author@example.com",
            "advisory.approval-refused adv-author@example.com", "advisory.published adv-reviewer@example.com"], timeline.Where(t => t.StartsWith("advisory.", StringComparison.Ordinal)));
        // A public advisory discloses its case: the disclosure clock stops there.
        Assert.Contains("case.disclosed adv-reviewer@example.com", timeline);
        Assert.NotNull(await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.DisclosedAt).SingleAsync()));

        // The published revision carries its CSAF document, which passes the strict schema and the mandatory tests.
        var revision = await app.WithDbAsync(db => db.Set<AdvisoryRevision>().SingleAsync(r => r.AdvisoryId == db.Set<Advisory>().Single(a => a.Number == number).Id));
        Assert.Equal(1, revision.Number);
        Assert.Equal("adv-reviewer@example.com", revision.ApprovedBy);
        var csaf = JsonNode.Parse(revision.CsafJson)!;
        Assert.Empty(CsafValidator.Validate(csaf));
        Assert.Equal(number, (string?)csaf["document"]!["tracking"]!["id"]);
        Assert.Equal("1", (string?)csaf["document"]!["tracking"]!["version"]);
        Assert.Equal("final", (string?)csaf["document"]!["tracking"]!["status"]);
        Assert.Equal("WHITE", (string?)csaf["document"]!["distribution"]!["tlp"]!["label"]);
        Assert.Equal("CVE-2026-20001", (string?)csaf["vulnerabilities"]![0]!["cve"]);
        Assert.Equal("6.1", csaf["vulnerabilities"]![0]!["scores"]![0]!["cvss_v3"]!["baseScore"]!.ToJsonString());
        Assert.Equal("Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", (string?)csaf["vulnerabilities"]![0]!["cwe"]!["name"]);
        Assert.Equal("山田 太郎", (string?)csaf["document"]!["acknowledgments"]![0]!["names"]![0]);

        // Public pages in both languages; filters by product, severity, year.
        var anonymous = app.Anonymous();
        var ja = await anonymous.GetStringAsync($"/ja/advisories/{number}");
        Assert.Contains("Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性", ja, StringComparison.Ordinal);
        Assert.Contains("山田 太郎", ja, StringComparison.Ordinal);
        Assert.Contains("警告", ja, StringComparison.Ordinal);
        Assert.Contains("Cross-site scripting in Kumogawa Groupware", await anonymous.GetStringAsync($"/en/advisories/{number}"), StringComparison.Ordinal);
        Assert.Contains($"data-advisory=\"{number}\"", await anonymous.GetStringAsync("/en/advisories?severity=medium&product=Kumogawa%20Groupware"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-advisory=\"{number}\"", await anonymous.GetStringAsync("/en/advisories?severity=critical"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-advisory=\"{number}\"", await anonymous.GetStringAsync("/en/advisories?year=1999"), StringComparison.Ordinal);

        // An update is a new published revision, again with a second person's approval; the public page lists both.
        var update = await author.PostFormAsync($"{path}?handler=Submit", Form(text with { Workarounds = new("検索機能を無効にするか、WAF で遮断してください。", "Turn off search, or block it at the WAF.") }, "Added a WAF workaround"), formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        Assert.DoesNotContain("WAF", await anonymous.GetStringAsync($"/en/advisories/{number}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync($"{path}?handler=Approve", [], formPage: path)).StatusCode);
        var en = await anonymous.GetStringAsync($"/en/advisories/{number}");
        Assert.Contains("Turn off search, or block it at the WAF.", en, StringComparison.Ordinal);
        Assert.Contains("data-revision=\"2\"", en, StringComparison.Ordinal);
        Assert.Contains("Added a WAF workaround", en, StringComparison.Ordinal);
        Assert.Contains("data-revision=\"1\"", en, StringComparison.Ordinal);
        var latest = await app.WithDbAsync(db => db.Set<AdvisoryRevision>().Where(r => r.AdvisoryId == db.Set<Advisory>().Single(a => a.Number == number).Id).OrderBy(r => r.Number).Select(r => r.CsafJson).ToListAsync());
        var second = JsonNode.Parse(latest[^1])!;
        Assert.Empty(CsafValidator.Validate(second));
        Assert.Equal("2", (string?)second["document"]!["tracking"]!["version"]);
        Assert.Equal(2, second["document"]!["tracking"]!["revision_history"]!.AsArray().Count);
        Assert.Equal("published", (await app.WithDbAsync(db => db.Set<Advisory>().SingleAsync(a => a.Number == number))).StatusWord);
    }

    private const string AdvisoryStepsVector = AdvisorySteps.Vector31;

    [Fact]
    public async Task Publishing_is_refused_with_the_failing_mandatory_test_when_the_csaf_document_is_invalid()
    {
        var reviewer = await StaffAsync("adv-reviewer2@example.com", "Coordinator");
        var caseNumber = await app.TriagedCaseAsync("範囲付きの修正版", "CVE-2026-20002");
        string number;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ops = scope.ServiceProvider.GetRequiredService<AdvisoryOperations>();
            var (advisory, _) = await ops.CreateAsync([caseNumber], "author@example.com", CancellationToken.None);
            // A fixed "version" that is really a range: CSAF 6.1.31 forbids range words in product_version.
            Assert.Empty(await ops.SaveAsync(advisory!, AdvisorySteps.Text(cve: "CVE-2026-20002", fixedVersion: "5.2.2 and later"), null, "author@example.com", CancellationToken.None));
            Assert.Empty(await ops.SubmitForReviewAsync(advisory!, "author@example.com", CancellationToken.None));
            number = advisory!.Number;
        }
        var path = $"/staff/advisories/{number}";
        // The editor's check shows the same failure before anyone approves; the preview is the document itself.
        var check = await reviewer.PostFormAsync($"{path}?handler=Check", [], formPage: path);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("data-test=\"6.1.31\"", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var preview = JsonNode.Parse(await reviewer.GetStringAsync($"{path}?handler=Csaf"))!;
        Assert.Equal("5.2.2 and later", (string?)preview["product_tree"]!["branches"]![0]!["branches"]![0]!["branches"]![1]!["name"]);
        var refused = await reviewer.PostFormAsync($"{path}?handler=Approve", [], formPage: path);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-test=\"6.1.31\"", page, StringComparison.Ordinal);
        Assert.Contains("/product_tree/branches/0/branches/0/branches/1", page, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Set<Advisory>().Include(a => a.Revisions).SingleAsync(a => a.Number == number));
        Assert.Equal("in-review", stored.StatusWord);
        Assert.Empty(stored.Revisions);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/en/advisories/{number}")).StatusCode);
    }

    [Fact]
    public async Task The_csaf_provider_serves_metadata_index_changes_rolie_hashes_and_a_signature_gpg_verifies()
    {
        string fingerprint;
        string publicKey;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var key = await scope.ServiceProvider.GetRequiredService<SirtDesk.Mail.TeamKeys>().GenerateAsync("psirt", "PSIRT <psirt@example.com>", SirtDesk.Mail.OpenPgp.Ed25519, null, CancellationToken.None);
            fingerprint = key.Fingerprint;
            publicKey = key.PublicArmored;
        }
        var number = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20003"));
        var anonymous = app.Anonymous();
        var root = "/.well-known/csaf";

        var metadataText = await anonymous.GetStringAsync($"{root}/provider-metadata.json");
        var metadata = JsonNode.Parse(metadataText)!;
        Assert.Empty(ProviderSchemaErrors(metadata));
        Assert.Equal($"{SirtDeskApp.BaseUrl}{root}/provider-metadata.json", (string?)metadata["canonical_url"]);
        Assert.Equal("csaf_trusted_provider", (string?)metadata["role"]);
        Assert.Contains(metadata["public_openpgp_keys"]!.AsArray(), k => (string?)k!["fingerprint"] == fingerprint);

        var year = await app.WithDbAsync(db => db.Set<Advisory>().Where(a => a.Number == number).Select(a => a.InitialReleaseAt).SingleAsync());
        var file = $"{year!.Value.UtcDateTime.Year}/{number.ToLowerInvariant()}.json";
        Assert.Contains(file + "\n", await anonymous.GetStringAsync($"{root}/white/index.txt"), StringComparison.Ordinal);
        Assert.Matches($"^\"{file.Replace(".", "\\.", StringComparison.Ordinal)}\",\"\\d{{4}}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{{3}}Z\"$", (await anonymous.GetStringAsync($"{root}/white/changes.csv")).Split('\n').First(l => l.Contains(file, StringComparison.Ordinal)));

        var document = await anonymous.GetByteArrayAsync($"{root}/white/{file}");
        Assert.Empty(CsafValidator.Validate(JsonNode.Parse(document)!));
        Assert.StartsWith(Convert.ToHexStringLower(SHA256.HashData(document)) + " ", await anonymous.GetStringAsync($"{root}/white/{file}.sha256"), StringComparison.Ordinal);
        Assert.StartsWith(Convert.ToHexStringLower(SHA512.HashData(document)) + " ", await anonymous.GetStringAsync($"{root}/white/{file}.sha512"), StringComparison.Ordinal);
        var signature = await anonymous.GetByteArrayAsync($"{root}/white/{file}.asc");
        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", Encoding.ASCII.GetString(signature), StringComparison.Ordinal);

        using var gpg = new GnuPg();
        await gpg.ImportAsync(publicKey);
        var verified = await gpg.VerifyAsync(signature, document);
        Assert.True(verified.Has("GOODSIG"), verified.Status + verified.Errors);
        Assert.Equal(fingerprint, verified.ValidSigner);
        var tampered = (byte[])document.Clone();
        tampered[10] ^= 1;
        Assert.False((await gpg.VerifyAsync(signature, tampered)).Has("GOODSIG"));

        var feed = JsonNode.Parse(await anonymous.GetStringAsync($"{root}/white/csaf-feed-tlp-white.json"))!["feed"]!;
        Assert.Equal("csaf", (string?)feed["category"]![0]!["term"]);
        var entry = feed["entry"]!.AsArray().Single(e => (string?)e!["id"] == number)!;
        Assert.Equal(["self", "hash", "hash", "signature"], entry["link"]!.AsArray().Select(l => (string?)l!["rel"]));
        Assert.Equal($"{SirtDeskApp.BaseUrl}{root}/white/{file}", (string?)entry["content"]!["src"]);

        Assert.Contains($"CSAF: {SirtDeskApp.BaseUrl}/.well-known/csaf/provider-metadata.json", await anonymous.GetStringAsync("/.well-known/security.txt"), StringComparison.Ordinal);
    }

    /// <summary>OASIS's provider schema (TestData/csaf/SOURCE.md), its publisher reference inlined from the CSAF schema.</summary>
    private static IReadOnlyList<string> ProviderSchemaErrors(JsonNode metadata)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "csaf", "provider_json_schema.json")))!.AsObject();
        using var csafStream = typeof(CsafValidator).Assembly.GetManifestResourceStream("SirtDesk.Standards.Csaf.Schemas.csaf_json_schema.json")!;
        var publisher = JsonNode.Parse(csafStream)!["properties"]!["document"]!["properties"]!["publisher"]!.DeepClone();
        schema["properties"]!["publisher"] = publisher;
        var built = Json.Schema.JsonSchema.FromText(schema.ToJsonString());
        var result = built.Evaluate(JsonSerializer.SerializeToElement(metadata), new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    [Fact]
    public async Task A_tlp_amber_advisory_is_only_for_authenticated_partners()
    {
        var number = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(tlp: "AMBER", cve: "CVE-2026-20004"));
        var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/ja/advisories/{number}")).StatusCode);
        Assert.DoesNotContain(number, await anonymous.GetStringAsync("/ja/advisories"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await anonymous.GetStringAsync("/feed.atom"), StringComparison.Ordinal);
        Assert.DoesNotContain(number.ToLowerInvariant(), await anonymous.GetStringAsync("/.well-known/csaf/white/index.txt"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/.well-known/csaf/amber/index.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/.well-known/csaf/amber/csaf-feed-tlp-amber.json")).StatusCode);

        await app.CreateStaffAsync("adv-partner@example.com", "Auditor", "psirt");
        var partner = Bearer(await app.CreateTokenAsync("adv-partner@example.com"));
        var index = await partner.GetStringAsync("/.well-known/csaf/amber/index.txt");
        var file = index.Split('\n').Single(l => l.EndsWith(number.ToLowerInvariant() + ".json", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/.well-known/csaf/amber/{file}")).StatusCode);
        var document = JsonNode.Parse(await partner.GetStringAsync($"/.well-known/csaf/amber/{file}"))!;
        Assert.Equal("AMBER", (string?)document["document"]!["distribution"]!["tlp"]!["label"]);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/.well-known/csaf/white/{file}")).StatusCode);

        // A member of another sub-team neither finds it in the index nor reads it.
        await app.CreateStaffAsync("adv-other-team@example.com", "Auditor", "csirt");
        var otherTeam = Bearer(await app.CreateTokenAsync("adv-other-team@example.com"));
        Assert.DoesNotContain(file, await otherTeam.GetStringAsync("/.well-known/csaf/amber/index.txt"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTeam.GetAsync($"/.well-known/csaf/amber/{file}")).StatusCode);
    }

    [Fact]
    public async Task The_atom_feeds_list_new_and_updated_advisories_and_the_description_document_and_parse_as_atom()
    {
        var number = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20005"));
        await app.UpdateAsync(number, c => c with { Workarounds = new("修正版に更新してください。", "Update to the fixed version.") }, "Workaround clarified");
        var anonymous = app.Anonymous();
        foreach (var (url, lang, title, labels) in new[]
        {
            ("/en/feed.atom", "en", "Cross-site scripting in Kumogawa Groupware", (New: "] New: ", Updated: "] Updated (revision 2): ", Initial: "Revision summary: Initial public release", Feed: " security advisories")),
            ("/feed.atom", "ja", "Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性", (New: "] 新規: ", Updated: "] 更新 (版 2): ", Initial: "更新内容: 初版公開", Feed: " セキュリティアドバイザリ")),
        })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
            using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
            var feed = SyndicationFeed.Load(reader);
            var entries = feed.Items.Where(i => i.Title.Text.Contains(number, StringComparison.Ordinal)).ToList();
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Contains(title, e.Title.Text, StringComparison.Ordinal));
            Assert.All(entries, e => Assert.Equal($"{SirtDeskApp.BaseUrl}/{lang}/advisories/{number}", e.Links.Single().Uri.AbsoluteUri));
            Assert.Contains(entries, e => e.Summary.Text.Contains("Workaround clarified", StringComparison.Ordinal));
            // The labels are in the feed's language (resources), whatever the request's Accept-Language says.
            Assert.Contains(entries, e => e.Title.Text.Contains(labels.New, StringComparison.Ordinal) && e.Summary.Text.Contains(labels.Initial, StringComparison.Ordinal));
            Assert.Contains(entries, e => e.Title.Text.Contains(labels.Updated, StringComparison.Ordinal));
            Assert.EndsWith(labels.Feed, feed.Title.Text, StringComparison.Ordinal);
            Assert.Contains(feed.Items, i => i.Links.Any(l => l.Uri.AbsoluteUri == $"{SirtDeskApp.BaseUrl}/{lang}/"));
        }
    }

    [Fact]
    public async Task Cve_records_of_a_published_advisory_validate_against_the_cve_json_5_schema()
    {
        var number = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20006") with { CveIds = ["CVE-2026-20006", "CVE-2026-20007"] });
        var advisory = await app.WithDbAsync(db => db.Set<Advisory>().Include(a => a.Revisions).SingleAsync(a => a.Number == number));
        var records = CveRecords.Build(advisory, advisory.Revisions.Single().Content, SirtDeskApp.BaseUrl, "00000000-0000-4000-8000-000000000000", "SirtDesk", advisory.CurrentReleaseAt!.Value);
        Assert.Equal(["CVE-2026-20006", "CVE-2026-20007"], records.Select(r => (string?)r["cveMetadata"]!["cveId"]));
        foreach (var r in records)
        {
            Assert.Empty(CveRecordValidator.Validate(r));
            var cna = r["containers"]!["cna"]!;
            Assert.Equal(["en", "ja"], cna["descriptions"]!.AsArray().Select(d => (string?)d!["lang"]));
            Assert.Equal("CWE-79", (string?)cna["problemTypes"]![0]!["descriptions"]![0]!["cweId"]);
            Assert.Equal(AdvisorySteps.Vector31, (string?)cna["metrics"]![0]!["cvssV3_1"]!["vectorString"]);
            Assert.Equal("5.2.2", (string?)cna["affected"]![0]!["versions"]![0]!["lessThan"]);
            Assert.Equal("山田 太郎 (Example Security)", (string?)cna["credits"]![0]!["value"]);
        }
    }

    [Fact]
    public async Task A_japanese_subscriber_gets_the_confirmation_and_the_notice_in_japanese()
    {
        var anonymous = app.Anonymous("en");
        var address = "kokyaku-" + Guid.NewGuid().ToString("N")[..8] + "@example.jp";
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostFormAsync("/ja/advisories?handler=Subscribe", new() { ["email"] = address }, formPage: "/ja/advisories")).StatusCode);
        var confirmation = await app.WithDbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == address));
        Assert.Equal("セキュリティアドバイザリ配信登録の確認", confirmation.Subject);
        Assert.Contains("次のページを開いて「登録する」を押してください。", confirmation.Body, StringComparison.Ordinal);
        var link = confirmation.Body.Split('\n').Single(l => l.StartsWith(SirtDeskApp.BaseUrl, StringComparison.Ordinal))[SirtDeskApp.BaseUrl.Length..];
        Assert.StartsWith("/ja/advisories/subscription/", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.PostFormAsync(link + "?handler=Confirm", [], formPage: link)).StatusCode);

        var number = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20011"));
        var notice = await app.WithDbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == address && o.Kind == "advisory-notice"));
        Assert.Equal($"[{number}] 新規: Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性", notice.Subject);
        Assert.Contains("\n\n版 1: 初版公開\n", notice.Body, StringComparison.Ordinal);
        Assert.Contains($"\n詳細: {SirtDeskApp.BaseUrl}/ja/advisories/{number}\n", notice.Body, StringComparison.Ordinal);
        Assert.Contains($"\n\n配信停止: {notice.ListUnsubscribe}", notice.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Initial public release", notice.Body, StringComparison.Ordinal);

        // Default revision summaries read in the reader's language; typed ones stay as typed.
        await using var scope = app.Services.CreateAsyncScope();
        var l = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SirtDesk.Web.SharedResource>>();
        Assert.Equal("更新", AdvisoryOperations.RevisionSummary(AdvisoryOperations.UpdateSummary, l, "ja"));
        Assert.Equal("Update", AdvisoryOperations.RevisionSummary(AdvisoryOperations.UpdateSummary, l, "en"));
        Assert.Equal("Workaround clarified", AdvisoryOperations.RevisionSummary("Workaround clarified", l, "ja"));
    }

    [Fact]
    public async Task A_subscriber_confirms_by_double_opt_in_gets_a_notice_with_one_click_unsubscribe_and_can_unsubscribe()
    {
        var anonymous = app.Anonymous();
        var address = "customer-" + Guid.NewGuid().ToString("N")[..8] + "@example.org";
        var subscribed = await anonymous.PostFormAsync("/en/advisories?handler=Subscribe", new() { ["email"] = address }, formPage: "/en/advisories");
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostFormAsync("/en/advisories?handler=Subscribe", new() { ["email"] = "not an address" }, formPage: "/en/advisories")).StatusCode);
        // Sending the form again the same day queues no second confirmation (no mail flood through the form).
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostFormAsync("/en/advisories?handler=Subscribe", new() { ["email"] = address }, formPage: "/en/advisories")).StatusCode);
        // Nor does the same address in other letter case (it reaches the same mailbox).
        var upper = address.ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostFormAsync("/en/advisories?handler=Subscribe", new() { ["email"] = upper }, formPage: "/en/advisories")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(o => o.Recipient == upper)));
        var confirmation = await app.WithDbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == address));
        Assert.Equal("advisory-subscription", confirmation.Kind);
        var link = confirmation.Body.Split('\n').Single(l => l.StartsWith(SirtDeskApp.BaseUrl, StringComparison.Ordinal))[SirtDeskApp.BaseUrl.Length..];

        // Nothing is sent before confirmation; opening the link alone does not confirm.
        var unconfirmed = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20008"));
        Assert.Contains("data-state=\"pending\"", await anonymous.GetStringAsync(link), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.PostFormAsync(link + "?handler=Confirm", [], formPage: link)).StatusCode);
        Assert.Contains("data-state=\"confirmed\"", await anonymous.GetStringAsync(link), StringComparison.Ordinal);

        var number = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20009"));
        var notices = await app.WithDbAsync(db => db.Outbox.Where(o => o.Recipient == address && o.Kind == "advisory-notice").ToListAsync());
        var notice = Assert.Single(notices);
        Assert.Contains(number, notice.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(unconfirmed, notice.Subject, StringComparison.Ordinal);
        Assert.StartsWith($"{SirtDeskApp.BaseUrl}/advisories/unsubscribe/", notice.ListUnsubscribe, StringComparison.Ordinal);
        Assert.Contains(notice.ListUnsubscribe!, notice.Body, StringComparison.Ordinal);

        var keyring = await app.Services.CreateScope().ServiceProvider.GetRequiredService<SirtDesk.Mail.TeamKeys>().KeyringAsync(CancellationToken.None);
        var composed = SirtDesk.Mail.OutboundMail.Compose(notice, new("psirt", "PSIRT", "psirt@example.com"), new MimeKit.MailboxAddress("", address), "<n@example.com>", keyring, null, DateTimeOffset.UnixEpoch);
        Assert.Equal($"<{notice.ListUnsubscribe}>", composed.Message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", composed.Message.Headers["List-Unsubscribe-Post"]);

        // RFC 8058: a POST with the one-click body unsubscribes, without a form token or a session.
        var oneClick = await app.Anonymous().PostAsync(new Uri(notice.ListUnsubscribe!).PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("data-state=\"unsubscribed\"", await anonymous.GetStringAsync(link), StringComparison.Ordinal);
        await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-20010"));
        Assert.Single(await app.WithDbAsync(db => db.Outbox.Where(o => o.Recipient == address && o.Kind == "advisory-notice").ToListAsync()));
    }
}
