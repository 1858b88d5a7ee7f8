using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Coordination;
using SirtDesk.Tests.Infrastructure;
using SirtDesk.Tests.Mail;

namespace SirtDesk.Tests.Coordination;

public sealed class CoordinationTests(MailApp app) : IClassFixture<MailApp>
{
    private sealed record Staff(HttpClient Pages, HttpClient Api, string Email);

    private async Task<Staff> StaffAsync(string role, string team = "psirt")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(email, role, team);
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(email));
        return new Staff(await app.SignInAsync(email), api, email);
    }

    private async Task<string> OpenCaseAsync(string tlp = "AMBER")
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("調整のための報告"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDesk.Data.SirtDb>();
        var report = await db.Reports.SingleAsync(r => r.TrackingNumber == number);
        var opened = await scope.ServiceProvider.GetRequiredService<SirtDesk.Cases.CaseOperations>().OpenCaseAsync(report, "test", CancellationToken.None);
        if (tlp != "AMBER")
        {
            await db.Cases.Where(c => c.Id == opened.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Tlp, tlp));
        }
        return opened.Number;
    }

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<long> ContactAsync(Staff who, string kind, string email, string language = "ja")
    {
        var org = await CreatedAsync(await who.Api.PostAsJsonAsync("/api/v1/organizations", new { name = $"{kind} {Guid.NewGuid():N}", kind }));
        var contact = await CreatedAsync(await who.Api.PostAsJsonAsync($"/api/v1/organizations/{org.GetProperty("id").GetInt64()}/contacts", new { email, language }));
        return contact.GetProperty("id").GetInt64();
    }

    private Task<List<string>> ActionsAsync(string caseNumber) =>
        app.WithDbAsync(db => db.Timeline.Where(t => db.Cases.Any(c => c.Id == t.CaseId && c.Number == caseNumber)).OrderBy(t => t.Id).Select(t => t.Action).ToListAsync());

    private Task<int> OutboxCountAsync(string recipient) => app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Recipient == recipient));

    private static Task<HttpResponseMessage> ComposeAsync(Staff who, string caseNumber, long contactId, string subject, string body, string? reason) =>
        who.Pages.PostFormAsync($"/staff/cases/{caseNumber}/coordination?handler=Message", new()
        {
            ["contactId"] = contactId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["subject"] = subject,
            ["body"] = body,
            ["reason"] = reason ?? "",
        }, formPage: $"/staff/cases/{caseNumber}/coordination");

    [Fact]
    public async Task An_analysts_direct_message_to_a_press_contact_is_refused_on_the_page_and_on_the_api()
    {
        var analyst = await StaffAsync("Analyst");
        var auditor = await StaffAsync("Auditor");
        var caseNumber = await OpenCaseAsync("GREEN");
        var press = $"desk-{Guid.NewGuid():N}@press.example";
        var contactId = await ContactAsync(analyst, "press", press);

        // Not a participant, a role that cannot act, a case that does not exist: the rule answers first every time.
        foreach (var (who, number) in new[] { (analyst, caseNumber), (auditor, caseNumber), (analyst, "PSIRT-1999-9999") })
        {
            var refused = await who.Api.PostAsJsonAsync($"/api/v1/cases/{number}/messages", new { contactId, subject = "取材について", body = "回答します。" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.EndsWith("approval-required", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        // On the page, without a reason: refused, and no request is made.
        var direct = await ComposeAsync(analyst, caseNumber, contactId, "取材について", "回答します。", reason: null);
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ApprovalRequest>().CountAsync(a => a.ContactId == contactId)));

        // With a reason it becomes a request to PR; still nothing is queued for the press.
        var requested = await ComposeAsync(analyst, caseNumber, contactId, "取材について", "回答します。", reason: "記者からの問い合わせへの回答");
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var request = await app.WithDbAsync(db => db.Set<ApprovalRequest>().SingleAsync(a => a.ContactId == contactId));
        Assert.Equal("PR", request.ApproverRole);
        Assert.Equal(ApprovalState.Pending, request.State);
        Assert.Equal(0, await OutboxCountAsync(press));
        Assert.Contains("coordination.approval-requested", await ActionsAsync(caseNumber));
    }

    [Fact]
    public async Task Each_participant_has_one_thread_with_unread_markers_per_staff_member()
    {
        var coordinator = await StaffAsync("Coordinator");
        var analyst = await StaffAsync("Analyst");
        var caseNumber = await OpenCaseAsync("GREEN");
        var vendor = $"psirt-{Guid.NewGuid():N}@vendor.example";
        var contactId = await ContactAsync(coordinator, "vendor", vendor, "en");
        var participant = (await CreatedAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/participants", new { contactId, role = "vendor" })))
            .GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Accepted, (await coordinator.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/messages",
            new { contactId, subject = $"[{caseNumber}] Heads-up", body = "Please confirm the affected versions." })).StatusCode);
        await app.DeliverOutboxAsync();
        var sent = await app.Smtp.WaitForAsync(vendor);

        // The vendor answers in the thread; the body is hostile text, shown inert.
        var reply = new MimeKit.MimeMessage();
        reply.From.Add(MimeKit.MailboxAddress.Parse(vendor));
        reply.To.Add(MimeKit.MailboxAddress.Parse("psirt@example.com"));
        reply.Subject = $"Re: [{caseNumber}] Heads-up";
        reply.InReplyTo = sent.Message.MessageId;
        reply.Body = new MimeKit.TextPart("plain") { Text = "Versions 2.0-2.3 are affected. <script>alert(1)</script>" };
        using var raw = new MemoryStream();
        await reply.WriteToAsync(raw);
        Assert.NotNull((await app.ReceiveMailAsync(raw.ToArray())).TrackingNumber);

        var path = $"/staff/cases/{caseNumber}/coordination";
        string Cell(string page) => page[page.IndexOf($"data-participant=\"{participant}\"", StringComparison.Ordinal)..][..400];
        Assert.Contains("unread-marker", Cell(await coordinator.Pages.GetStringAsync(path)), StringComparison.Ordinal);
        Assert.Contains("unread-marker", Cell(await analyst.Pages.GetStringAsync(path)), StringComparison.Ordinal);

        var thread = await coordinator.Pages.GetStringAsync($"{path}/threads/{participant}");
        var heads = thread.IndexOf($"[{caseNumber}] Heads-up", StringComparison.Ordinal);
        var answer = thread.IndexOf("Versions 2.0-2.3 are affected.", StringComparison.Ordinal);
        Assert.True(heads > 0 && answer > heads, "the team's mail first, then the vendor's answer");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", thread, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", thread, StringComparison.Ordinal);
        Assert.Contains("class=\"inbound unread\"", thread, StringComparison.Ordinal);
        Assert.Contains("(署名なし)", System.Net.WebUtility.HtmlDecode(thread), StringComparison.Ordinal);   // the signature state in the reader's language

        // Read by the coordinator, still unread for the analyst; opened again, nothing is new.
        Assert.DoesNotContain("unread-marker", Cell(await coordinator.Pages.GetStringAsync(path)), StringComparison.Ordinal);
        Assert.Contains("unread-marker", Cell(await analyst.Pages.GetStringAsync(path)), StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"inbound unread\"", await coordinator.Pages.GetStringAsync($"{path}/threads/{participant}"), StringComparison.Ordinal);
        var actions = await ActionsAsync(caseNumber);
        Assert.Contains("mail.received", actions);
        Assert.Contains("mail.sent", actions);
    }

    [Fact]
    public async Task Legal_approves_a_police_request_and_the_mail_leaves_from_the_team_address()
    {
        var coordinator = await StaffAsync("Coordinator");
        var legal = await StaffAsync("Legal");
        var pr = await StaffAsync("PR");
        var caseNumber = await OpenCaseAsync("GREEN");
        var police = $"cyber-{Guid.NewGuid():N}@police.example";
        var contactId = await ContactAsync(coordinator, "law-enforcement", police);

        Assert.Equal(HttpStatusCode.Redirect, (await ComposeAsync(coordinator, caseNumber, contactId, "被害届の件", "ログを提供します。", "捜査協力の依頼を受けたため")).StatusCode);

        var pending = await legal.Api.GetFromJsonAsync<JsonElement>("/api/v1/approvals");
        var item = pending.EnumerateArray().Single(a => a.GetProperty("contactId").GetInt64() == contactId);
        Assert.Equal("Legal", item.GetProperty("approverRole").GetString());
        Assert.Equal("捜査協力の依頼を受けたため", item.GetProperty("reason").GetString());
        Assert.Equal("ログを提供します。", item.GetProperty("body").GetString());
        Assert.DoesNotContain((await pr.Api.GetFromJsonAsync<JsonElement>("/api/v1/approvals")).EnumerateArray(), a => a.GetProperty("contactId").GetInt64() == contactId);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.Api.GetAsync("/api/v1/approvals")).StatusCode);
        // A bad filter is explained in the request's language, like every other error of this API.
        var badState = await legal.Api.GetAsync("/api/v1/approvals?state=open");
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        var problem = await badState.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("リクエストに誤りがあります。", problem.GetProperty("title").GetString());
        Assert.Equal("state には pending、approved、declined、all のいずれかを指定してください。", problem.GetProperty("errors").GetProperty("state")[0].GetString());

        var id = item.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byPr = await pr.Pages.PostFormAsync("/staff/approvals?handler=Approve", new() { ["id"] = id }, formPage: "/staff/approvals");
        Assert.Contains("/staff/denied", byPr.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await OutboxCountAsync(police));

        var page = await legal.Pages.GetStringAsync("/staff/approvals");
        Assert.Contains("ログを提供します。", page, StringComparison.Ordinal);
        var approved = await legal.Pages.PostFormAsync("/staff/approvals?handler=Approve", new() { ["id"] = id, ["note"] = "法務確認済み" }, formPage: "/staff/approvals");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        await app.DeliverOutboxAsync();
        var mail = await app.Smtp.WaitForAsync(police);
        Assert.Equal("psirt@example.com", mail.Message.From.Mailboxes.Single().Address);
        Assert.Equal($"[{caseNumber}] 被害届の件", mail.Message.Subject);
        var actions = await ActionsAsync(caseNumber);
        Assert.Equal(["coordination.approval-requested", "coordination.approval-sent", "coordination.approved"],
            actions.Where(a => a.StartsWith("coordination.", StringComparison.Ordinal)));
        Assert.Contains("mail.sent", actions);

        // Decided once: a second approval changes nothing.
        var again = await legal.Pages.PostFormAsync("/staff/approvals?handler=Approve", new() { ["id"] = id }, formPage: "/staff/approvals");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await OutboxCountAsync(police));
    }

    [Fact]
    public async Task PR_declines_a_press_request_and_nothing_is_sent()
    {
        var analyst = await StaffAsync("Analyst");
        var pr = await StaffAsync("PR");
        var caseNumber = await OpenCaseAsync("CLEAR");
        var press = $"news-{Guid.NewGuid():N}@press.example";
        var contactId = await ContactAsync(analyst, "press", press);
        await ComposeAsync(analyst, caseNumber, contactId, "コメント", "本件についてのコメントです。", "取材依頼");
        var id = await app.WithDbAsync(db => db.Set<ApprovalRequest>().Where(a => a.ContactId == contactId).Select(a => a.Id).SingleAsync());

        var declined = await pr.Pages.PostFormAsync("/staff/approvals?handler=Decline", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = "公表前のため" }, formPage: "/staff/approvals");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        await app.DeliverOutboxAsync();

        Assert.Equal(0, await OutboxCountAsync(press));
        Assert.Empty(app.Smtp.To(press));
        Assert.Equal(ApprovalState.Declined, await app.WithDbAsync(db => db.Set<ApprovalRequest>().Where(a => a.Id == id).Select(a => a.State).SingleAsync()));
        Assert.Contains("coordination.declined", await ActionsAsync(caseNumber));
    }

    [Fact]
    public async Task A_vendor_status_keeps_its_history_and_not_yet_answered_is_not_not_affected()
    {
        var coordinator = await StaffAsync("Coordinator");
        var caseNumber = await OpenCaseAsync();
        var contactId = await ContactAsync(coordinator, "vendor", $"psirt-{Guid.NewGuid():N}@vendor.example", "en");
        var participant = await CreatedAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/participants", new { contactId, role = "vendor" }));
        Assert.Equal("vendor", participant.GetProperty("role").GetString());
        var path = $"/staff/cases/{caseNumber}/coordination";
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.Pages.PostFormAsync($"{path}?handler=Vulnerability", new() { ["title"] = "XSS in search", ["cve"] = "cve-2026-10001" }, formPage: path)).StatusCode);

        var page = await coordinator.Pages.GetStringAsync(path);
        Assert.Contains("CVE-2026-10001", page, StringComparison.Ordinal);
        Assert.Contains("class=\"vendor-status status-unknown\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("status-not-affected\"", page, StringComparison.Ordinal);

        var vulnerabilityId = await app.WithDbAsync(db => db.Set<CaseVulnerability>().Where(v => v.CveId == "CVE-2026-10001").Select(v => v.Id).SingleAsync());
        foreach (var (status, statement) in new[] { ("under-investigation", "Looking into it"), ("not-affected", "Our build does not use the component") })
        {
            var set = await coordinator.Pages.PostFormAsync($"{path}?handler=Status", new()
            {
                ["vulnerabilityId"] = vulnerabilityId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["participantId"] = participant.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["status"] = status,
                ["statement"] = statement,
            }, formPage: path);
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }

        var history = await app.WithDbAsync(db => db.Set<VendorStatus>().Where(s => s.VulnerabilityId == vulnerabilityId).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(["under-investigation", "not-affected"], history.Select(h => h.Status));
        Assert.All(history, h => Assert.Equal(coordinator.Email, h.SetBy));
        page = await coordinator.Pages.GetStringAsync(path);
        Assert.Contains("class=\"vendor-status status-not-affected\"", page, StringComparison.Ordinal);
        Assert.Contains("Our build does not use the component", page, StringComparison.Ordinal);
        Assert.Contains("Looking into it", page, StringComparison.Ordinal);
        Assert.Equal(2, (await ActionsAsync(caseNumber)).Count(a => a == "coordination.vendor-status"));
    }

    [Fact]
    public async Task The_directory_survives_a_csv_round_trip_and_a_bad_csv_changes_nothing()
    {
        var coordinator = await StaffAsync("Coordinator");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            organization,kind,unit,name,email,language,time_zone
            株式会社サンプル{tag},vendor,,山田 太郎,yamada-{tag}@sample.example,ja,Asia/Tokyo
            "Legal, {tag}",internal,legal,,legal-{tag}@example.com,en,Europe/Berlin
            空の組織{tag},customer,,,,,
            """;
        var imported = await coordinator.Pages.PostFormAsync("/staff/directory?handler=Import", new() { ["text"] = csv }, formPage: "/staff/directory");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        var export = await coordinator.Pages.GetAsync("/staff/directory.csv");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("organization,kind,unit,name,email,language,time_zone,pgp_key\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"株式会社サンプル{tag},vendor,,山田 太郎,yamada-{tag}@sample.example,ja,Asia/Tokyo,\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"\"Legal, {tag}\",internal,legal,,legal-{tag}@example.com,en,Europe/Berlin,\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"空の組織{tag},customer,,,,,,\r\n", text, StringComparison.Ordinal);
        Assert.Contains("JPCERT/CC,national-cert,,JPCERT/CC Vulnerability Coordination,vuls@jpcert.or.jp,ja,Asia/Tokyo", text, StringComparison.Ordinal);
        Assert.Contains("vuln-inq@ipa.go.jp", text, StringComparison.Ordinal);

        var counts = () => app.WithDbAsync(async db => (await db.Set<Organization>().CountAsync(), await db.Set<Contact>().CountAsync()));
        var before = await counts();
        // Importing the export again adds nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.Pages.PostFormAsync("/staff/directory?handler=Import", new() { ["text"] = text }, formPage: "/staff/directory")).StatusCode);
        Assert.Equal(before, await counts());

        var bad = $"""
            organization,kind,unit,name,email,language,time_zone
            良い組織{tag},vendor,,,good-{tag}@example.com,ja,Asia/Tokyo
            悪い組織{tag},police,,,bad-{tag}@example.com,ja,Asia/Tokyo
            もう一つ{tag},vendor,,,not-an-address,fr,Mars/Base
            """;
        var refused = await coordinator.Pages.PostFormAsync("/staff/directory?handler=Import", new() { ["text"] = bad }, formPage: "/staff/directory");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("3 行目 kind", html, StringComparison.Ordinal);
        Assert.Contains("4 行目 email", html, StringComparison.Ordinal);
        Assert.Contains("4 行目 timeZone", html, StringComparison.Ordinal);
        Assert.Equal(before, await counts());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Organization>().CountAsync(o => o.Name == $"良い組織{tag}")));
    }

    [Fact]
    public async Task A_directory_csv_over_4_mib_is_refused_as_too_large_in_the_users_language_and_changes_nothing()
    {
        var coordinator = await StaffAsync("Coordinator");
        var tag = Guid.NewGuid().ToString("N")[..8];
        const string header = "organization,kind,unit,name,email,language,time_zone";
        var file = HttpClientForms.CsvOverImportLimit(header, $"大きい組織{tag},vendor,,,big-{tag}@example.com,ja,Asia/Tokyo");
        Assert.True(file.Length > 4 * 1024 * 1024);
        // The text box holds a valid CSV too: the chosen file must not be silently replaced by it.
        var text = $"{header}\r\n貼り付け{tag},vendor,,,pasted-{tag}@example.com,ja,Asia/Tokyo\r\n";
        var counts = () => app.WithDbAsync(async db => (await db.Set<Organization>().CountAsync(), await db.Set<Contact>().CountAsync()));
        var before = await counts();

        var refused = await coordinator.Pages.UploadCsvAsync("/staff/directory", file, text);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("ファイルが取り込みの上限 4 MiB を超えています。何も取り込んでいません。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("CSV ファイルを選ぶか", html, StringComparison.Ordinal);

        coordinator.Pages.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        refused = await coordinator.Pages.UploadCsvAsync("/staff/directory", file, text);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The file is larger than 4 MiB, the limit for an import. Nothing was imported", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(before, await counts());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Organization>().CountAsync(o => o.Name == $"大きい組織{tag}" || o.Name == $"貼り付け{tag}")));
    }

    [Fact]
    public async Task Contact_keys_travel_in_the_directory_csv_and_a_key_for_another_address_refuses_the_file()
    {
        var coordinator = await StaffAsync("Coordinator");
        using var gpg = new GnuPg();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"csv-key-{tag}@vendor.example";
        var fingerprint = await gpg.GenerateKeyAsync($"Vendor PSIRT <{email}>");
        var armored = (await gpg.ExportAsync(email)).Replace("\"", "\"\"", StringComparison.Ordinal);

        var wrong = $"organization,kind,unit,name,email,language,time_zone,pgp_key\r\nVendor {tag},vendor,,,other-{tag}@vendor.example,en,Europe/Berlin,\"{armored}\"\r\n";
        var refused = await coordinator.Pages.PostFormAsync("/staff/directory?handler=Import", new() { ["text"] = wrong }, formPage: "/staff/directory");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("2 行目 pgp_key", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Organization>().CountAsync(o => o.Name == $"Vendor {tag}")));

        var good = $"organization,kind,unit,name,email,language,time_zone,pgp_key\r\nVendor {tag},vendor,,PSIRT,{email},en,Europe/Berlin,\"{armored}\"\r\n";
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.Pages.PostFormAsync("/staff/directory?handler=Import", new() { ["text"] = good }, formPage: "/staff/directory")).StatusCode);
        Assert.Equal(fingerprint, await app.WithDbAsync(db => db.Set<Contact>().Where(c => c.Email == email).Select(c => c.PgpFingerprint).SingleAsync()), StringComparer.OrdinalIgnoreCase);
        Assert.True(await app.WithDbAsync(db => db.PartnerKeys.AnyAsync(k => k.Email == email)));

        // Exported again, the key is in the last column, and gpg reads it back with the same fingerprint.
        var text = System.Text.Encoding.UTF8.GetString((await coordinator.Pages.GetByteArrayAsync("/staff/directory.csv"))[3..]);
        var row = SirtDesk.Coordination.DirectoryCsv.Parse(text).Single(r => r.Fields.Count > 4 && r.Fields[4] == email).Fields;
        var exported = row[7].TrimStart('\'');
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", exported, StringComparison.Ordinal);
        using var other = new GnuPg();
        await other.ImportAsync(exported);
        Assert.Equal(fingerprint, await other.FingerprintAsync(email), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_api_answers_201_202_and_409_with_their_shapes()
    {
        var analyst = await StaffAsync("Analyst");
        var legal = await StaffAsync("Legal");

        var org = await CreatedAsync(await analyst.Api.PostAsJsonAsync("/api/v1/organizations", new { name = "Legal department", kind = "internal", unit = "legal" }));
        Assert.True(org.GetProperty("id").GetInt64() > 0);
        Assert.Equal("internal", org.GetProperty("kind").GetString());
        Assert.Equal("legal", org.GetProperty("unit").GetString());

        var noUnit = await analyst.Api.PostAsJsonAsync("/api/v1/organizations", new { name = "x", kind = "internal" });
        Assert.Equal(HttpStatusCode.BadRequest, noUnit.StatusCode);
        Assert.True((await noUnit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("unit", out _));
        var badKind = await analyst.Api.PostAsJsonAsync("/api/v1/organizations", new { name = "x", kind = "vendor", unit = "pr" });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await legal.Api.PostAsJsonAsync("/api/v1/organizations", new { name = "x", kind = "vendor" })).StatusCode);

        var vendor = await CreatedAsync(await analyst.Api.PostAsJsonAsync("/api/v1/organizations", new { name = "Vendor K.K.", kind = "vendor" }));
        var email = $"security-{Guid.NewGuid():N}@vendor.example";
        var contact = await CreatedAsync(await analyst.Api.PostAsJsonAsync($"/api/v1/organizations/{vendor.GetProperty("id").GetInt64()}/contacts", new { email }));
        Assert.Equal(email, contact.GetProperty("email").GetString());
        Assert.Equal("ja", contact.GetProperty("language").GetString());
        Assert.Equal("Asia/Tokyo", contact.GetProperty("timeZone").GetString());
        var contactId = contact.GetProperty("id").GetInt64();
        var badContact = await analyst.Api.PostAsJsonAsync($"/api/v1/organizations/{vendor.GetProperty("id").GetInt64()}/contacts", new { email = "nope", language = "fr", timeZone = "Nowhere/City" });
        var errors = (await badContact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _) && errors.TryGetProperty("language", out _) && errors.TryGetProperty("timeZone", out _));

        var caseNumber = await OpenCaseAsync();
        var notYet = await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/messages", new { contactId, subject = "s", body = "b" });
        Assert.Equal(HttpStatusCode.BadRequest, notYet.StatusCode);  // not a participant
        await CreatedAsync(await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/participants", new { contactId, role = "vendor" }));
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/participants", new { contactId, role = "vendor" })).StatusCode);

        // A new case is TLP:AMBER and the vendor has no key: 409 with the reason.
        var amber = await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/messages", new { contactId, subject = "脆弱性のご連絡", body = "詳細は別途。" });
        Assert.Equal(HttpStatusCode.Conflict, amber.StatusCode);
        var problem = await amber.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("encryption-required", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await OutboxCountAsync(email));

        await app.WithDbAsync(db => db.Cases.Where(c => c.Number == caseNumber).ExecuteUpdateAsync(s => s.SetProperty(c => c.Tlp, "GREEN")));
        var first = await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/messages", new { contactId, subject = "脆弱性のご連絡", body = "一通目" });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("queued", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/messages", new { contactId, subject = "続報", body = "二通目" })).StatusCode);

        // One thread per participant: the second answers the first.
        var rows = await app.WithDbAsync(db => db.Outbox.Where(m => m.Recipient == email).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("psirt", r.Team));
        Assert.All(rows, r => Assert.NotNull(r.CaseId));
        Assert.Null(rows[0].InReplyTo);
        Assert.Equal(rows[0].MessageId, rows[1].InReplyTo);
        Assert.Equal(2, (await ActionsAsync(caseNumber)).Count(a => a == "coordination.message-queued"));

        await app.DeliverOutboxAsync();
        var second = await app.Smtp.WaitForAsync(email, "続報");
        Assert.Equal(rows[0].MessageId, second.Message.InReplyTo);
    }

    [Fact]
    public async Task The_notice_goes_to_each_ticked_participant_in_their_language_but_never_to_the_press()
    {
        var coordinator = await StaffAsync("Coordinator");
        var caseNumber = await OpenCaseAsync("GREEN");
        var vendor = $"psirt-{Guid.NewGuid():N}@vendor.example";
        var customer = $"soc-{Guid.NewGuid():N}@customer.example";
        var press = $"desk-{Guid.NewGuid():N}@press.example";
        var ids = new List<string>();
        foreach (var (kind, email, language, role) in new[] { ("vendor", vendor, "en", "vendor"), ("customer", customer, "ja", "customer"), ("press", press, "ja", "internal") })
        {
            var contactId = await ContactAsync(coordinator, kind, email, language);
            var p = await CreatedAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/participants", new { contactId, role }));
            ids.Add(p.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var path = $"/staff/cases/{caseNumber}/coordination";
        await coordinator.Pages.PostFormAsync($"{path}?handler=Vulnerability", new() { ["title"] = "Auth bypass", ["cve"] = "CVE-2026-20002" }, formPage: path);

        var form = new FormUrlEncodedContent(ids.Select(i => new KeyValuePair<string, string>("participantIds", i))
            .Append(new("__RequestVerificationToken", HttpClientForms.Token(await coordinator.Pages.GetStringAsync(path)))));
        var sent = await coordinator.Pages.PostAsync($"{path}?handler=Notify", form);
        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);   // the press contact was refused, and the page says so
        Assert.Contains(press, WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await app.DeliverOutboxAsync();
        var en = await app.Smtp.WaitForAsync(vendor);
        Assert.Equal($"[{caseNumber}] Vulnerability notification", en.Message.Subject);
        Assert.Contains("CVE-2026-20002: Auth bypass", MailSteps.Text(en.Message.Body is MimeKit.Cryptography.MultipartSigned signed ? signed[0] : en.Message.Body), StringComparison.Ordinal);
        var ja = await app.Smtp.WaitForAsync(customer);
        Assert.Equal($"[{caseNumber}] 脆弱性情報のご連絡", ja.Message.Subject);
        Assert.Equal(0, await OutboxCountAsync(press));
    }

    [Fact]
    public async Task A_contacts_key_becomes_a_partner_key_and_amber_mail_to_them_leaves_encrypted()
    {
        var analyst = await StaffAsync("Analyst");
        using var gpg = new GnuPg();
        var email = $"pgp-{Guid.NewGuid():N}@vendor.example";
        var fingerprint = await gpg.GenerateKeyAsync($"Vendor PSIRT <{email}>");
        var armored = await gpg.ExportAsync(email);
        var org = await CreatedAsync(await analyst.Api.PostAsJsonAsync("/api/v1/organizations", new { name = "Vendor with key", kind = "vendor" }));
        var orgId = org.GetProperty("id").GetInt64();

        var wrongAddress = await analyst.Api.PostAsJsonAsync($"/api/v1/organizations/{orgId}/contacts", new { email = "someone-else@vendor.example", pgpKey = armored });
        Assert.Equal(HttpStatusCode.BadRequest, wrongAddress.StatusCode);
        Assert.True((await wrongAddress.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("pgpKey", out _));

        var contact = await CreatedAsync(await analyst.Api.PostAsJsonAsync($"/api/v1/organizations/{orgId}/contacts", new { name = "Vendor PSIRT", email, language = "en", timeZone = "America/New_York", pgpKey = armored }));
        Assert.Equal(fingerprint, contact.GetProperty("pgpFingerprint").GetString(), ignoreCase: true);
        Assert.Equal(1, await app.WithDbAsync(db => db.PartnerKeys.CountAsync(k => k.Email == email)));

        var caseNumber = await OpenCaseAsync();   // TLP:AMBER
        var contactId = contact.GetProperty("id").GetInt64();
        await CreatedAsync(await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/participants", new { contactId, role = "vendor" }));
        var queued = await analyst.Api.PostAsJsonAsync($"/api/v1/cases/{caseNumber}/messages", new { contactId, subject = "Details", body = "The secret details." });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.True((await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("encrypted").GetBoolean());

        await app.DeliverOutboxAsync();
        var mail = await app.Smtp.WaitForAsync(email);
        Assert.IsType<MimeKit.Cryptography.MultipartEncrypted>(mail.Message.Body);
        Assert.DoesNotContain("The secret details.", System.Text.Encoding.UTF8.GetString(mail.Raw), StringComparison.Ordinal);
        var plain = await gpg.DecryptAsync(MailSteps.EncryptedPayload(mail.Message));
        Assert.True(plain.Has("DECRYPTION_OKAY"), plain.Status + plain.Errors);
        var inner = MimeKit.MimeEntity.Load(new MemoryStream(plain.Output));
        Assert.Contains("The secret details.", MailSteps.Text(inner is MimeKit.Cryptography.MultipartSigned signed ? signed[0] : inner), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_entries_are_in_the_directory_and_the_description_page_states_the_rule()
    {
        var analyst = await StaffAsync("Analyst");
        var page = await analyst.Pages.GetStringAsync("/staff/directory");
        Assert.Contains("vuls@jpcert.or.jp", page, StringComparison.Ordinal);
        Assert.Contains("vuln-inq@ipa.go.jp", page, StringComparison.Ordinal);

        var ja = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/ja/"));
        Assert.Contains("警察・規制当局へは法務部門を通じてのみ連絡し", ja, StringComparison.Ordinal);
        Assert.Contains("報道機関へは広報部門を通じてのみ連絡し", ja, StringComparison.Ordinal);
        var en = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/en/"));
        Assert.Contains("We contact law enforcement and regulators only through the Legal department", en, StringComparison.Ordinal);
        Assert.Contains("We contact the press only through the Public Relations department", en, StringComparison.Ordinal);
    }
}
