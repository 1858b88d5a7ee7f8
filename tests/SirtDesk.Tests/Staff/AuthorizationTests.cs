using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Crypto;
using SirtDesk.Intake;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Staff;

/// <summary>
/// Every endpoint the app maps must appear in this table with who may use it; a new endpoint without a row
/// fails the first test, so new endpoints are covered automatically.
/// </summary>
public sealed class AuthorizationTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private enum Access
    {
        Public,       // anyone
        Staff,        // any signed-in staff role
        TeamScoped,   // staff of the owning team (or an administrator); others get 404
        Administrator,
        ApiToken,     // Bearer token of any role
        ApiTeamScoped,
        ApiActor,     // Bearer token of a role that acts (StaffAccess.CanAct); reading roles get 403
        ApiWrite,      // Bearer token of a role that acts (administrator, coordinator, analyst): 400 for an empty object; other roles 403
        ApiCaseWrite,  // as ApiWrite on a case: another team's case is 404
        ApiApprovers,  // Bearer token of Legal or PR; other roles 403
        FeedToken,     // a secret token in the address instead of a session: a wrong one is 404 for everyone, signed in or not
        ApiAdvisoryApprove, // Bearer token of a role that acts: 409 for the sample draft (not in review); other roles 403; another team's advisory 404
    }

    // Route pattern → (access, sample path with {report}/{case}/{attachment} placeholders, method).
    private static readonly Dictionary<string, (Access Access, string Sample, string Method)> Table = new()
    {
        ["/healthz"] = (Access.Public, "/healthz", "GET"),
        ["/openapi/{documentName}.json"] = (Access.Public, "/openapi/v1.json", "GET"),
        ["/"] = (Access.Public, "/", "GET"),
        ["/.well-known/security.txt"] = (Access.Public, "/.well-known/security.txt", "GET"),
        ["/security.txt"] = (Access.Public, "/security.txt", "GET"),
        ["/pgp/{file}"] = (Access.Public, "/pgp/0000000000000000000000000000000000000000.asc", "GET"),
        ["/.well-known/openpgpkey/hu/{hash}"] = (Access.Public, "/.well-known/openpgpkey/hu/4tz7q7ge5mwz5sjx4yatrzhqs37873ts", "GET"),
        ["/.well-known/openpgpkey/{domain}/hu/{hash}"] = (Access.Public, "/.well-known/openpgpkey/example.com/hu/4tz7q7ge5mwz5sjx4yatrzhqs37873ts", "GET"),
        ["/.well-known/openpgpkey/policy"] = (Access.Public, "/.well-known/openpgpkey/policy", "GET"),
        ["/.well-known/openpgpkey/{domain}/policy"] = (Access.Public, "/.well-known/openpgpkey/example.com/policy", "GET"),
        ["/language/{lang:regex(^(ja|en)$)}"] = (Access.Public, "/language/en", "GET"),
        ["/api/v1/reports"] = (Access.Public, "/api/v1/reports", "POST"),
        ["/api/v1/reports/"] = (Access.ApiToken, "/api/v1/reports/", "GET"),
        ["/api/v1/reports/{trackingNumber}"] = (Access.ApiTeamScoped, "/api/v1/reports/{report}", "GET"),
        ["/staff/reports/{trackingNumber}/attachments/{id:long}"] = (Access.TeamScoped, "/staff/reports/{report}/attachments/{attachment}", "GET"),
        ["/staff/logout"] = (Access.Staff, "/staff/logout", "POST"),
        ["{lang:regex(^(ja|en)$)}"] = (Access.Public, "/ja/", "GET"),
        ["{lang:regex(^(ja|en)$)}/report/vulnerability"] = (Access.Public, "/en/report/vulnerability", "GET"),
        ["{lang:regex(^(ja|en)$)}/report/incident"] = (Access.Public, "/en/report/incident", "GET"),
        ["{lang:regex(^(ja|en)$)}/track/{token}"] = (Access.Public, "/en/track/unknown-token", "GET"),
        ["staff/login"] = (Access.Public, "/staff/login", "GET"),
        ["staff/login/2fa"] = (Access.Public, "/staff/login/2fa", "GET"),
        ["staff/setup/{token}"] = (Access.Public, "/staff/setup/not-a-token", "GET"),
        ["staff/denied"] = (Access.Public, "/staff/denied", "GET"),
        ["staff"] = (Access.Staff, "/staff", "GET"),
        ["staff/reports/{trackingNumber}"] = (Access.TeamScoped, "/staff/reports/{report}", "GET"),
        ["staff/cases/{number}"] = (Access.TeamScoped, "/staff/cases/{case}", "GET"),
        ["staff/profile"] = (Access.Administrator, "/staff/profile", "GET"),
        ["staff/users"] = (Access.Administrator, "/staff/users", "GET"),
        ["staff/severity-policy"] = (Access.Administrator, "/staff/severity-policy", "GET"),
        ["staff/cases/{number}/triage"] = (Access.TeamScoped, "/staff/cases/{case}/triage", "GET"),
        ["/staff/cvss/score"] = (Access.Staff, "/staff/cvss/score?vector=CVSS:3.1/AV:N", "GET"),
        ["/api/v1/cases/{number}"] = (Access.ApiTeamScoped, "/api/v1/cases/{case}", "GET"),
        ["/api/v1/cases"] = (Access.ApiToken, "/api/v1/cases?sla=due-soon", "GET"),
        ["/staff/sla.csv"] = (Access.Staff, "/staff/sla.csv", "GET"),
        ["staff/cases"] = (Access.Staff, "/staff/cases", "GET"),
        ["staff/sla"] = (Access.Staff, "/staff/sla", "GET"),
        ["staff/sla-settings"] = (Access.Administrator, "/staff/sla-settings", "GET"),
        ["staff/account"] = (Access.Staff, "/staff/account", "GET"),
        ["staff/keys"] = (Access.Administrator, "/staff/keys", "GET"),
        ["staff/partner-keys"] = (Access.Staff, "/staff/partner-keys", "GET"),
        ["staff/quarantine"] = (Access.Staff, "/staff/quarantine", "GET"),
        ["staff/cases/{number}/disclosure"] = (Access.TeamScoped, "/staff/cases/{case}/disclosure", "GET"),
        ["staff/disclosure-settings"] = (Access.Administrator, "/staff/disclosure-settings", "GET"),
        ["staff/cases/{number}/resolution"] = (Access.TeamScoped, "/staff/cases/{case}/resolution", "GET"),
        ["staff/recommendations"] = (Access.Staff, "/staff/recommendations", "GET"),
        ["staff/follow-up"] = (Access.Staff, "/staff/follow-up", "GET"),
        ["/api/v1/follow-up"] = (Access.ApiToken, "/api/v1/follow-up", "GET"),
        ["/api/v1/organizations"] = (Access.ApiWrite, "/api/v1/organizations", "POST"),
        ["/api/v1/organizations/{id:long}/contacts"] = (Access.ApiWrite, "/api/v1/organizations/{org}/contacts", "POST"),
        ["/api/v1/cases/{number}/participants"] = (Access.ApiCaseWrite, "/api/v1/cases/{case}/participants", "POST"),
        ["/api/v1/cases/{number}/messages"] = (Access.ApiCaseWrite, "/api/v1/cases/{case}/messages", "POST"),
        ["/api/v1/approvals"] = (Access.ApiApprovers, "/api/v1/approvals", "GET"),
        ["/staff/directory.csv"] = (Access.Staff, "/staff/directory.csv", "GET"),
        ["staff/directory"] = (Access.Staff, "/staff/directory", "GET"),
        ["staff/approvals"] = (Access.Staff, "/staff/approvals", "GET"),
        ["staff/cases/{number}/coordination"] = (Access.TeamScoped, "/staff/cases/{case}/coordination", "GET"),
        ["/staff/inventory.csv"] = (Access.Staff, "/staff/inventory.csv", "GET"),
        ["staff/inventory"] = (Access.Staff, "/staff/inventory", "GET"),
        ["staff/inventory/{key}"] = (Access.TeamScoped, "/staff/inventory/{product}", "GET"),
        ["/staff/calendar.ics"] = (Access.FeedToken, "/staff/calendar.ics?token=1.not-the-secret", "GET"),
        ["/staff/assessments/{planId:long}/occurrences/{id:long}/report"] = (Access.TeamScoped, "/staff/assessments/{plan}/occurrences/{occurrence}/report", "GET"),
        ["staff/assessments"] = (Access.Staff, "/staff/assessments", "GET"),
        ["staff/assessments/{id:long}"] = (Access.TeamScoped, "/staff/assessments/{plan}", "GET"),
        ["staff/reviews"] = (Access.Staff, "/staff/reviews", "GET"),
        ["staff/reviews/{id:long}"] = (Access.TeamScoped, "/staff/reviews/{review}", "GET"),
        ["staff/review-templates"] = (Access.Administrator, "/staff/review-templates", "GET"),
        ["staff/calendar"] = (Access.Staff, "/staff/calendar", "GET"),
        ["staff/advisories"] = (Access.Staff, "/staff/advisories", "GET"),
        ["staff/advisories/{number}"] = (Access.TeamScoped, "/staff/advisories/{advisory}", "GET"),
        ["{lang:regex(^(ja|en)$)}/advisories"] = (Access.Public, "/en/advisories", "GET"),
        ["{lang:regex(^(ja|en)$)}/advisories/{id}"] = (Access.Public, "/ja/advisories/SDA-1999-0000", "GET"),
        ["{lang:regex(^(ja|en)$)}/advisories/subscription/{token}"] = (Access.Public, "/en/advisories/subscription/unknown", "GET"),
        ["/advisories/unsubscribe/{token}"] = (Access.Public, "/advisories/unsubscribe/unknown", "POST"),
        ["/feed.atom"] = (Access.Public, "/feed.atom", "GET"),
        ["/{lang:regex(^(ja|en)$)}/feed.atom"] = (Access.Public, "/en/feed.atom", "GET"),
        ["/.well-known/csaf/provider-metadata.json"] = (Access.Public, "/.well-known/csaf/provider-metadata.json", "GET"),
        ["/.well-known/csaf/{tlp}/{name}"] = (Access.Public, "/.well-known/csaf/white/index.txt", "GET"),
        ["/.well-known/csaf/{tlp}/{year:int}/{file}"] = (Access.Public, "/.well-known/csaf/white/1999/sda-1999-0000.json", "GET"),
        ["/api/v1/advisories/{number}"] = (Access.ApiTeamScoped, "/api/v1/advisories/{advisory}", "GET"),
        ["/api/v1/advisories/{number}/approve"] = (Access.ApiAdvisoryApprove, "/api/v1/advisories/{advisory}/approve", "POST"),
        ["staff/findings"] = (Access.Staff, "/staff/findings", "GET"),
        ["staff/inventory/{key}/versions/{version}/components"] = (Access.TeamScoped, "/staff/inventory/{product}/versions/1.0/components", "GET"),
        ["/api/v1/products/{key}/versions/{version}/sbom"] = (Access.ApiCaseWrite, "/api/v1/products/{product}/versions/1.0/sbom", "POST"),
        ["/api/v1/products/{key}/versions/{version}/vex"] = (Access.ApiTeamScoped, "/api/v1/products/{product}/versions/1.0/vex", "GET"),
        ["staff/cases/{number}/coordination/threads/{participantId:long}"] = (Access.TeamScoped, "/staff/cases/{case}/coordination/threads/{participant}", "GET"),
    };

    // A further method on a route pattern that already has a row above: "METHOD pattern" → (access, sample, method).
    private static readonly Dictionary<string, (Access Access, string Sample, string Method)> MoreMethods = new()
    {
        ["POST /api/v1/cases"] = (Access.ApiActor, "/api/v1/cases", "POST"),
    };

    [Fact]
    public void Every_endpoint_has_a_declared_policy()
    {
        var patterns = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!).Distinct().Order().ToList();

        Assert.Equal(Table.Keys.Order(), patterns);

        var moreMethods = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(k => Table.TryGetValue(k[(k.IndexOf(' ', StringComparison.Ordinal) + 1)..], out var row) && !k.StartsWith(row.Method + " ", StringComparison.Ordinal))
            .Distinct().Order().ToList();
        Assert.Equal(MoreMethods.Keys.Order(), moreMethods);
    }

    [Fact]
    public async Task Each_principal_gets_exactly_what_the_policy_table_allows()
    {
        var (report, caseNumber, attachment, advisory) = await SampleDataAsync();
        var product = await SampleProductAsync();
        var org = await app.WithDbAsync(db => db.Set<SirtDesk.Coordination.Organization>().OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var participant = await app.WithDbAsync(async db =>
        {
            var row = new SirtDesk.Coordination.CaseParticipant
            {
                CaseId = await db.Cases.Where(c => c.Number == caseNumber).Select(c => c.Id).SingleAsync(),
                ContactId = await db.Set<SirtDesk.Coordination.Contact>().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
                Role = "coordinator",
                AddedBy = "test",
            };
            db.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        var principals = new Dictionary<string, (HttpClient Client, string? Token, bool Admin, bool OtherTeam)>
        {
            ["anonymous"] = (app.Anonymous(), null, false, false),
        };
        foreach (var role in SirtDesk.Staff.Roles.All)
        {
            var email = $"authz-{role.ToLowerInvariant()}@example.com";
            await app.CreateStaffAsync(email, role, role == "Administrator" ? [] : ["psirt"]);
            principals[role] = (await app.SignInAsync(email), await app.CreateTokenAsync(email), role == "Administrator", false);
        }
        await app.CreateStaffAsync("authz-other-team@example.com", "Coordinator", "csirt");
        principals["other-team"] = (await app.SignInAsync("authz-other-team@example.com"), await app.CreateTokenAsync("authz-other-team@example.com"), false, true);

        var failures = new List<string>();
        // Signing out is last: it ends the sessions the other rows use.
        foreach (var (pattern, (access, sample, method)) in Table.Concat(MoreMethods).OrderBy(kv => kv.Key == "/staff/logout"))
        {
            var path = sample.Replace("{report}", report, StringComparison.Ordinal).Replace("{case}", caseNumber, StringComparison.Ordinal).Replace("{attachment}", attachment.ToString(), StringComparison.Ordinal).Replace("{org}", org.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{participant}", participant.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{product}", product.Key, StringComparison.Ordinal).Replace("{plan}", product.Plan, StringComparison.Ordinal).Replace("{occurrence}", product.Occurrence, StringComparison.Ordinal).Replace("{review}", product.Review, StringComparison.Ordinal)
                .Replace("{advisory}", advisory, StringComparison.Ordinal);
            foreach (var (who, (client, token, admin, otherTeam)) in principals)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (access is Access.ApiToken or Access.ApiTeamScoped or Access.ApiActor or Access.ApiWrite or Access.ApiCaseWrite or Access.ApiApprovers or Access.ApiAdvisoryApprove && token is not null)
                {
                    request.Headers.Authorization = new("Bearer", token);
                }
                if (method == "POST" && pattern == "/api/v1/reports")
                {
                    request.Content = JsonContent.Create(new { kind = "incident", language = "en", title = "authz", description = "d", reporter = new { email = "a@example.org" } });
                }
                if (pattern == "POST /api/v1/cases")
                {
                    // An unknown report: a role that may act gets as far as the validation (400).
                    request.Content = JsonContent.Create(new { reportTrackingNumber = "VR-1999-00000" });
                }
                else if (access is Access.ApiWrite or Access.ApiCaseWrite)
                {
                    request.Content = JsonContent.Create(new { });
                }
                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                var signedIn = who != "anonymous";
                var ok = access switch
                {
                    // Public pages never ask for a sign-in (the 2FA step sends a caller without a password step back to it) and never fail.
                    Access.Public => status < 500 && status != 401 && (pattern == "staff/login/2fa" || !location.Contains("/staff/login", StringComparison.Ordinal)),
                    Access.Staff => signedIn ? status is >= 200 and < 400 && !location.Contains("/staff/login?", StringComparison.Ordinal) : location.StartsWith("http://localhost/staff/login", StringComparison.Ordinal) || location.StartsWith("/staff/login", StringComparison.Ordinal) || status == 400,
                    Access.TeamScoped => !signedIn ? location.Contains("/staff/login", StringComparison.Ordinal) : otherTeam ? status == 404 : status == 200,
                    Access.Administrator => !signedIn ? location.Contains("/staff/login", StringComparison.Ordinal) : admin ? status == 200 : location.Contains("/staff/denied", StringComparison.Ordinal),
                    Access.ApiToken => signedIn ? status == 200 : status == 401,
                    Access.ApiTeamScoped => !signedIn ? status == 401 : otherTeam ? status == 404 : status == 200,
                    Access.ApiActor => !signedIn ? status == 401 : who is "Administrator" or "Coordinator" or "Analyst" or "other-team" ? status == 400 : status == 403,
                    Access.ApiWrite => !signedIn ? status == 401 : Acts(who) ? status == 400 : status == 403,
                    Access.ApiCaseWrite => !signedIn ? status == 401 : otherTeam ? status == 404 : Acts(who) ? status == 400 : status == 403,
                    Access.ApiApprovers => !signedIn ? status == 401 : who is "Legal" or "PR" ? status == 200 : status == 403,
                    Access.FeedToken => status == 404,
                    Access.ApiAdvisoryApprove => !signedIn ? status == 401 : otherTeam ? status == 404 : Acts(who) ? status == 409 : status == 403,
                    _ => false,
                };
                if (!ok)
                {
                    failures.Add($"{who} {method} {path} ({access}) → {status} {location}");
                }
            }
        }
        Assert.Empty(failures);
    }

    private static bool Acts(string who) => who is "Administrator" or "Coordinator" or "Analyst" or "other-team";

    private async Task<(string Key, string Plan, string Occurrence, string Review)> SampleProductAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDesk.Data.SirtDb>();
        var cipher = scope.ServiceProvider.GetRequiredService<AtRestCipher>();
        var product = new SirtDesk.Inventory.Product { Key = "authz-product", Kind = "product", NameJa = "権限確認用製品", NameEn = "Authz product", Team = "psirt", Exposure = "on-premise", Deployment = "typical" };
        product.Versions.Add(new SirtDesk.Inventory.ProductVersion { Version = "1.0" });
        var occurrence = new SirtDesk.Prevention.Assessment { ScheduledOn = new DateOnly(2027, 1, 4), ReportFileName = "r.pdf", Report = new SirtDesk.Prevention.AssessmentReport { Sealed = cipher.Seal([1]) } };
        var plan = new SirtDesk.Prevention.AssessmentPlan { Product = product, Kind = "penetration-test", Recurrence = "yearly", FirstDate = new DateOnly(2027, 1, 4), PerformerKind = "vendor", Performer = "v", CreatedBy = "t", Occurrences = [occurrence] };
        var review = new SirtDesk.Prevention.PlanReview { Kind = "incident-response-plan", Team = "psirt", Title = "authz", ReviewerId = "nobody", ReviewerName = "nobody", DueOn = new DateOnly(2027, 1, 4), CreatedBy = "t" };
        db.AddRange(plan, review);
        await db.SaveChangesAsync();
        var id = (long x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (product.Key, id(plan.Id), id(occurrence.Id), id(review.Id));
    }

    private async Task<(string Report, string Case, long Attachment, string Advisory)> SampleDataAsync()
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("権限確認用"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDesk.Data.SirtDb>();
        var cipher = scope.ServiceProvider.GetRequiredService<AtRestCipher>();
        var report = db.Reports.Single(r => r.TrackingNumber == number);
        var file = new ReportAttachment { ReportId = report.Id, FileName = "a.txt", ContentType = "text/plain", Length = 1, Sha256 = "00", Sealed = cipher.Seal([65]) };
        db.ReportAttachments.Add(file);
        await db.SaveChangesAsync();
        var ops = scope.ServiceProvider.GetRequiredService<SirtDesk.Cases.CaseOperations>();
        var opened = await ops.OpenCaseAsync(report, "test", CancellationToken.None);
        var (advisory, _) = await scope.ServiceProvider.GetRequiredService<SirtDesk.Advisories.AdvisoryOperations>().CreateAsync([opened.Number], "test", CancellationToken.None);
        return (number, opened.Number, file.Id, advisory!.Number);
    }
}
