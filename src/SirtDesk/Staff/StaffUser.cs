using Microsoft.AspNetCore.Identity;

namespace SirtDesk.Staff;

public sealed class StaffUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>Set when the user proved their authenticator works; until then the sign-in shows enrolment.</summary>
    public DateTimeOffset? TotpConfirmedAt { get; set; }

    /// <summary>The IANA zone the person reads times in (due times are shown in it and in JST); null means JST only.</summary>
    public string? TimeZone { get; set; }
}

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Coordinator = "Coordinator";
    public const string Analyst = "Analyst";
    public const string Legal = "Legal";
    public const string PR = "PR";
    public const string Auditor = "Auditor";

    public static readonly string[] All = [Administrator, Coordinator, Analyst, Legal, PR, Auditor];
}

/// <summary>A staff member belongs to zero or more sub-teams (psirt, csirt …) and sees their reports.</summary>
public sealed class TeamMembership
{
    public required string UserId { get; set; }
    public required string Team { get; set; }
}

/// <summary>A personal access token for the API. Only its SHA-256 is stored.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
