using SirtDesk.Staff;

namespace SirtDesk.Resolution;

public sealed record FollowUpResource(string Case, string Team, string TitleJa, string TitleEn, string Status, DateTimeOffset ChangedAt);

public static class ResolutionModule
{
    public static void AddResolution(this WebApplicationBuilder builder) => builder.Services.AddScoped<ResolutionOperations>();

    /// <summary>GET /api/v1/follow-up: the open recommendations (proposed or accepted) of the teams the token may see.</summary>
    public static void MapResolution(this WebApplication app) =>
        app.MapGet("/api/v1/follow-up", async (HttpContext http, StaffAccess access, ResolutionOperations resolution, CancellationToken ct) =>
        {
            var items = await resolution.FollowUpAsync(await access.VisibleTeamsAsync(http.User, ct), ct);
            return TypedResults.Ok(items.Select(i => new FollowUpResource(i.CaseNumber, i.Team, i.TitleJa, i.TitleEn, i.Status.ToString().ToLowerInvariant(), i.ChangedAt)).ToList());
        }).RequireAuthorization(Policies.ApiToken).WithTags("Resolution").WithName("FollowUp");
}
