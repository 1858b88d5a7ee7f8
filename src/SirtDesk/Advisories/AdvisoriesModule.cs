using Microsoft.AspNetCore.Http.HttpResults;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Advisories;

public sealed record AdvisoryRevisionResource(int Number, DateTimeOffset Date, string Summary, string ApprovedBy);

public sealed record AdvisoryResource(string Id, string Status, string Team, string Tlp, string TitleJa, string TitleEn, IReadOnlyList<string> CveIds, bool InReview, IReadOnlyList<AdvisoryRevisionResource> Revisions);

public static class AdvisoriesModule
{
    public static void AddAdvisories(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AdvisoryOptions>(builder.Configuration.GetSection("Advisories"));
        builder.Services.AddScoped<AdvisoryOperations>();
        builder.Services.AddScoped<AdvisoryNotifications>();
        builder.Services.AddScoped<PublishedAdvisories>();
        builder.Services.AddSingleton<PublishedSnapshotCache>();
        builder.Services.AddSingleton<SubscribeLimiter>();
    }

    public static void MapAdvisories(this WebApplication app)
    {
        app.MapCsafProvider();
        app.MapAtomFeed();
        // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" here; no sign-in, no form token, no confirmation step.
        app.MapPost("/advisories/unsubscribe/{token}", async (string token, AdvisoryNotifications notifications, CancellationToken ct) =>
            await notifications.UnsubscribeAsync(token, ct) ? Results.Text("Unsubscribed. / 配信を停止しました。\n", "text/plain; charset=utf-8") : Results.NotFound())
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/api/v1/advisories/{number}", GetAsync).RequireAuthorization(Policies.ApiToken).WithTags("Advisories").WithName("GetAdvisory");
        app.MapPost("/api/v1/advisories/{number}/approve", ApproveAsync).RequireAuthorization(Policies.ApiToken).WithTags("Advisories").WithName("ApproveAdvisory");
    }

    public static AdvisoryResource Resource(Advisory a)
    {
        var c = a.Content;
        return new AdvisoryResource(a.Number, a.StatusWord, a.Team, c.Tlp, c.Title.Ja, c.Title.En, c.CveIds, a.IsInReview,
            [.. a.Revisions.OrderBy(r => r.Number).Select(r => new AdvisoryRevisionResource(r.Number, r.PublishedAt, r.Summary, r.ApprovedBy))]);
    }

    private static async Task<Results<Ok<AdvisoryResource>, NotFound>> GetAsync(string number, HttpContext http, AdvisoryOperations advisories, StaffAccess access, CancellationToken ct) =>
        await advisories.FindAsync(number, ct) is { } a && await access.CanSeeTeamAsync(http.User, a.Team, ct) ? TypedResults.Ok(Resource(a)) : TypedResults.NotFound();

    /// <summary>Approve and publish (four eyes: never by the advisory's author or submitter; the CSAF document must pass its tests).</summary>
    private static async Task<Results<Ok<AdvisoryResource>, NotFound, ForbidHttpResult, ProblemHttpResult>> ApproveAsync(
        string number, HttpContext http, AdvisoryOperations advisories, StaffAccess access, IConfiguration config, CancellationToken ct)
    {
        if (await advisories.FindAsync(number, ct) is not { } a || !await access.CanSeeTeamAsync(http.User, a.Team, ct))
        {
            return TypedResults.NotFound();
        }
        if (!StaffAccess.CanAct(http.User))
        {
            return TypedResults.Forbid();
        }
        var problems = await advisories.ApproveAndPublishAsync(a, StaffAccess.Actor(http.User), PublicSiteModule.BaseUrl(http, config), ct);
        if (problems.Count == 0)
        {
            return TypedResults.Ok(Resource(a));
        }
        var status = problems[0].Key switch
        {
            "AdvisoryFourEyes" => StatusCodes.Status403Forbidden,
            "AdvisoryNotInReview" => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return TypedResults.Problem(
            statusCode: status,
            title: problems[0].Key switch
            {
                "AdvisoryFourEyes" => "The author cannot approve their own advisory",
                "AdvisoryNotInReview" => "The advisory is not in review",
                "AdvisoryCsafInvalid" => "The CSAF document fails validation",
                _ => "The advisory is not complete",
            },
            type: "https://sirtdesk.example/problems/" + problems[0].Key,
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = problems.Select(p => new { key = p.Key, test = p.Test, pointer = p.Pointer, message = p.Message }).ToList(),
            });
    }
}
