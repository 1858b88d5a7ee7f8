using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Coordination;

public sealed record OrganizationResource(long Id, string Name, string Kind, string? Unit);

public sealed record ContactResource(long Id, long OrganizationId, string? Name, string Email, string Language, string TimeZone, string? PgpFingerprint);

public sealed record ParticipantRequest(long? ContactId, string? Role);

public sealed record ParticipantResource(long Id, string CaseNumber, long ContactId, string Email, string Role, DateTimeOffset AddedAt);

public sealed record MessageRequest(long? ContactId, string? Subject, string? Body);

public sealed record MessageQueued(string Status, long ContactId, bool Encrypted);

public sealed record ApprovalResource(long Id, string CaseNumber, long ContactId, string Email, string Kind, string ApproverRole, string Subject, string Body,
    string Reason, string RequestedBy, DateTimeOffset RequestedAt, string State, string? DecidedBy, DateTimeOffset? DecidedAt);

public static class CoordinationApi
{
    public const string ApprovalRequiredType = "urn:sirtdesk:problem:approval-required";
    public const string EncryptionRequiredType = "urn:sirtdesk:problem:encryption-required";

    public static void MapCoordinationApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.ApiToken).WithTags("Coordination").DisableAntiforgery();
        api.MapPost("/organizations", CreateOrganizationAsync).WithName("CreateOrganization");
        api.MapPost("/organizations/{id:long}/contacts", CreateContactAsync).WithName("CreateContact");
        api.MapPost("/cases/{number}/participants", AddParticipantAsync).WithName("AddParticipant");
        api.MapPost("/cases/{number}/messages", MessageAsync).WithName("MessageParticipant");
        api.MapGet("/approvals", ApprovalsAsync).WithName("ListApprovals");
    }

    private static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http, IStringLocalizer<SharedResource> l, CancellationToken ct) where T : class
    {
        try
        {
            var value = await http.Request.ReadFromJsonAsync<T>(IntakeModule.ApiJson, ct);
            return value is null ? (null, Invalid("$", l["Coord_JsonInvalid"], l)) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.'), l["Coord_JsonInvalid"], l));
        }
        catch (InvalidOperationException)
        {
            return (null, Invalid("$", l["JsonContentTypeRequired"], l));
        }
    }

    private static ValidationProblem Invalid(string field, string message, IStringLocalizer<SharedResource> l) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: l["Coord_ValidationTitle"]);

    private static ValidationProblem Invalid(Dictionary<string, string> errors, IStringLocalizer<SharedResource> l) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { l[e.Value].Value }), title: l["Coord_ValidationTitle"]);

    private static ProblemHttpResult NotAllowed(IStringLocalizer<SharedResource> l) => TypedResults.Problem(title: l["Coord_NotAllowed"], statusCode: StatusCodes.Status403Forbidden);

    private static async Task<IResult> CreateOrganizationAsync(HttpContext http, CoordinationOperations ops, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!StaffAccess.CanAct(http.User))
        {
            return NotAllowed(l);
        }
        var (input, error) = await ReadAsync<NewOrganization>(http, l, ct);
        if (error is not null)
        {
            return error;
        }
        var errors = CoordinationOperations.Validate(input!);
        if (errors.Count > 0)
        {
            return Invalid(errors, l);
        }
        var org = await ops.CreateOrganizationAsync(input!, ct);
        return TypedResults.Created($"/api/v1/organizations/{org.Id}", new OrganizationResource(org.Id, org.Name, org.Kind, org.Unit));
    }

    private static async Task<IResult> CreateContactAsync(long id, HttpContext http, SirtDb db, CoordinationOperations ops, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!StaffAccess.CanAct(http.User))
        {
            return NotAllowed(l);
        }
        var org = await db.Set<Organization>().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
        {
            return TypedResults.NotFound();
        }
        var (input, error) = await ReadAsync<NewContact>(http, l, ct);
        if (error is not null)
        {
            return error;
        }
        var errors = CoordinationOperations.Validate(input!);
        if (errors.Count > 0)
        {
            return Invalid(errors, l);
        }
        var (contact, keyError) = await ops.AddContactAsync(org, input!, ct);
        if (contact is null)
        {
            return Invalid("pgpKey", l[keyError!], l);
        }
        return TypedResults.Created($"/api/v1/organizations/{org.Id}/contacts/{contact.Id}", ToResource(contact));
    }

    public static ContactResource ToResource(Contact c) => new(c.Id, c.OrganizationId, c.Name, c.Email, c.Language, c.TimeZone, c.PgpFingerprint);

    private static async Task<Case?> VisibleCaseAsync(string number, ClaimsPrincipal user, SirtDb db, StaffAccess access, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Number == number, ct);
        return c is not null && await access.CanSeeTeamAsync(user, c.Team, ct) ? c : null;
    }

    private static async Task<IResult> AddParticipantAsync(string number, HttpContext http, SirtDb db, StaffAccess access, CoordinationOperations ops, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var @case = await VisibleCaseAsync(number, http.User, db, access, ct);
        if (@case is null)
        {
            return TypedResults.NotFound();
        }
        if (!StaffAccess.CanAct(http.User))
        {
            return NotAllowed(l);
        }
        var (input, error) = await ReadAsync<ParticipantRequest>(http, l, ct);
        if (error is not null)
        {
            return error;
        }
        var contact = input!.ContactId is { } cid ? await db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        var errors = new Dictionary<string, string>();
        if (contact is null)
        {
            errors["contactId"] = "Coord_ContactUnknown";
        }
        if (input.Role is null || !CaseParticipant.Roles.Contains(input.Role))
        {
            errors["role"] = "Coord_RoleInvalid";
        }
        if (errors.Count > 0)
        {
            return Invalid(errors, l);
        }
        var participant = await ops.AddParticipantAsync(@case, contact!, input.Role!, StaffAccess.Actor(http.User), ct);
        if (participant is null)
        {
            return TypedResults.Problem(title: l["Coord_AlreadyParticipant"], statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Created($"/api/v1/cases/{@case.Number}/participants/{participant.Id}",
            new ParticipantResource(participant.Id, @case.Number, contact!.Id, contact.Email, participant.Role, participant.AddedAt));
    }

    private static async Task<IResult> MessageAsync(string number, HttpContext http, SirtDb db, StaffAccess access, CoordinationOperations ops, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (input, error) = await ReadAsync<MessageRequest>(http, l, ct);
        if (error is not null)
        {
            return error;
        }
        var contact = input!.ContactId is { } cid ? await db.Set<Contact>().Include(c => c.Organization).FirstOrDefaultAsync(c => c.Id == cid, ct) : null;
        // The police/press rule comes before every other check: no role, case or participation changes the answer.
        if (contact is not null && ContactRule.ApproverFor(contact.Organization!.Kind) is { } approver)
        {
            return TypedResults.Problem(type: ApprovalRequiredType, title: l["Coord_ApprovalRequired"], statusCode: StatusCodes.Status403Forbidden,
                detail: l["Coord_ApprovalRequiredDetail", l["Coord_Approver_" + approver]]);
        }
        var @case = await VisibleCaseAsync(number, http.User, db, access, ct);
        if (@case is null)
        {
            return TypedResults.NotFound();
        }
        if (!StaffAccess.CanAct(http.User))
        {
            return NotAllowed(l);
        }
        var errors = new Dictionary<string, string>();
        if (contact is null)
        {
            errors["contactId"] = "Coord_ContactUnknown";
        }
        if (string.IsNullOrWhiteSpace(input.Subject))
        {
            errors["subject"] = "Coord_SubjectRequired";
        }
        if (string.IsNullOrWhiteSpace(input.Body) || input.Body.Length > CoordinationOperations.MaxBodyLength)
        {
            errors["body"] = "Coord_BodyRequired";
        }
        if (errors.Count > 0)
        {
            return Invalid(errors, l);
        }
        var result = await ops.MessageAsync(@case, contact!, input.Subject!, input.Body!, null, StaffAccess.Actor(http.User), ct);
        return result.Outcome switch
        {
            MessageOutcome.Queued => TypedResults.Accepted((string?)null, new MessageQueued("queued", contact!.Id, result.Encrypted)),
            MessageOutcome.NeedsKey => TypedResults.Problem(type: EncryptionRequiredType, title: l["Coord_NeedsKey"], statusCode: StatusCodes.Status409Conflict,
                detail: l["Coord_NeedsKeyDetail", $"TLP:{@case.Tlp}", contact!.Email]),
            MessageOutcome.NotAParticipant => Invalid("contactId", l["Coord_NotAParticipant"], l),
            _ => Invalid("body", l["Coord_BodyRequired"], l),
        };
    }

    /// <summary>The requests waiting for (or decided by) the caller's role: Legal sees police and regulator drafts, PR press drafts.</summary>
    private static async Task<IResult> ApprovalsAsync(HttpContext http, SirtDb db, StaffAccess access, IStringLocalizer<SharedResource> l, string? state, CancellationToken ct)
    {
        var roles = ApproverRoles(http.User);
        if (roles.Count == 0)
        {
            return NotAllowed(l);
        }
        ApprovalState? wanted = state switch
        {
            null or "pending" => ApprovalState.Pending,
            "approved" => ApprovalState.Approved,
            "declined" => ApprovalState.Declined,
            "all" => null,
            _ => (ApprovalState?)(-1),
        };
        if (wanted is (ApprovalState)(-1))
        {
            return Invalid("state", l["Coord_ApprovalStateInvalid"], l);
        }
        var items = await Approvals.ListAsync(db, access, http.User, roles, wanted, ct);
        return TypedResults.Ok(items);
    }

    public static IReadOnlyList<string> ApproverRoles(ClaimsPrincipal user) =>
        [.. new[] { Roles.Legal, Roles.PR }.Where(user.IsInRole)];
}

public static class Approvals
{
    public static async Task<IReadOnlyList<ApprovalResource>> ListAsync(SirtDb db, StaffAccess access, ClaimsPrincipal user, IReadOnlyList<string> roles, ApprovalState? state, CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(user, ct);
        var query = from a in db.Set<ApprovalRequest>().AsNoTracking()
                    join c in db.Cases on a.CaseId equals c.Id
                    where roles.Contains(a.ApproverRole) && (visible == null || visible.Contains(c.Team))
                    select new { a, c.Number, a.Contact!.Email, a.Contact.Organization!.Kind };
        if (state is { } s)
        {
            query = query.Where(x => x.a.State == s);
        }
        var rows = await query.OrderBy(x => x.a.Id).ToListAsync(ct);
        return [.. rows.Select(x => new ApprovalResource(x.a.Id, x.Number, x.a.ContactId, x.Email, x.Kind, x.a.ApproverRole, x.a.Subject, x.a.Body, x.a.Reason,
            x.a.RequestedBy, x.a.RequestedAt.ToUniversalTime(), x.a.State.ToString().ToLowerInvariant(), x.a.DecidedBy, x.a.DecidedAt?.ToUniversalTime()))];
    }
}

public static class CoordinationModule
{
    public static void AddCoordination(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CoordinationOperations>();
        builder.Services.AddScoped<DirectoryCsv>();
        builder.Services.AddScoped<ParticipantThreads>();
    }

    public static void MapCoordination(this WebApplication app)
    {
        app.MapCoordinationApi();
        app.MapGet("/staff/directory.csv", async (DirectoryCsv csv, CancellationToken ct) =>
            Results.File(await csv.ExportAsync(ct), "text/csv; charset=utf-8", "directory.csv")).RequireAuthorization(Policies.Staff);
    }
}
