using System.Text.Json;
using System.Text.Json.Serialization;

namespace SirtDesk.PublicSite;

/// <summary>A text the team publishes, in both languages it works in.</summary>
public sealed record LocalizedText(string Ja, string En)
{
    public string For(string language) => language == "ja" ? Ja : En;

    public bool IsComplete => !string.IsNullOrWhiteSpace(Ja) && !string.IsNullOrWhiteSpace(En);
}

/// <summary>
/// Everything the RFC 2350 description document says about the team, and what the product derives from it
/// (security.txt, form links, out-of-scope answers). One organisation with sub-teams.
/// </summary>
public sealed record TeamProfile(
    DocumentInformation Document,
    Organization Organization,
    IReadOnlyList<SubTeam> Teams,
    IReadOnlyList<PublicKeyInfo> PublicKeys,
    IReadOnlyList<TeamMember> Members,
    LocalizedText BusinessHours,
    LocalizedText HowToReport,
    IReadOnlyList<string> Languages,
    Charter Charter,
    TeamPolicies Policies,
    Services Services,
    LocalizedText ReportingForms,
    LocalizedText Disclaimers)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public SubTeam? TeamFor(string kind) => Teams.FirstOrDefault(t => t.Handles.Contains(kind, StringComparer.Ordinal));

    public SubTeam? Team(string key) => Teams.FirstOrDefault(t => t.Key == key);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(Organization.TimeZone);

    /// <summary>What is missing or wrong, as messages for the person importing or editing the profile.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Text(LocalizedText? t, string path)
        {
            if (t is null || !t.IsComplete)
            {
                problems.Add($"{path}: both ja and en are required");
            }
        }
        Text(Organization?.FormalName, "organization.formalName");
        Text(Organization?.ShortName, "organization.shortName");
        Text(Organization?.Address, "organization.address");
        Text(Document?.UpdatesAnnounced, "document.updatesAnnounced");
        Text(BusinessHours, "businessHours");
        Text(HowToReport, "howToReport");
        Text(Charter?.Mission, "charter.mission");
        Text(Charter?.Constituency, "charter.constituency");
        Text(Policies?.Police, "policies.police");
        Text(Policies?.Press, "policies.press");
        Text(Disclaimers, "disclaimers");
        if (Organization is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(Organization.TimeZone ?? "", out _))
        {
            problems.Add($"organization.timeZone: unknown IANA time zone '{Organization.TimeZone}'");
        }
        if (Teams is null || Teams.Count == 0)
        {
            problems.Add("teams: at least one sub-team is required");
        }
        else
        {
            foreach (var kind in new[] { "vulnerability", "incident" })
            {
                if (Teams.Count(t => t.Handles?.Contains(kind) == true) != 1)
                {
                    problems.Add($"teams: exactly one sub-team must handle '{kind}' reports");
                }
            }
            foreach (var (t, i) in Teams.Select((t, i) => (t, i)))
            {
                if (string.IsNullOrWhiteSpace(t.Key) || !t.Key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                {
                    problems.Add($"teams[{i}].key: lowercase letters, digits and '-' only");
                }
                Text(t.Name, $"teams[{i}].name");
                if (string.IsNullOrWhiteSpace(t.Email) || !t.Email.Contains('@', StringComparison.Ordinal))
                {
                    problems.Add($"teams[{i}].email: an e-mail address is required");
                }
            }
        }
        return problems;
    }

    public static TeamProfile? Parse(string json, out IReadOnlyList<string> problems)
    {
        try
        {
            var profile = JsonSerializer.Deserialize<TeamProfile>(json, Json);
            if (profile is null)
            {
                problems = ["the document is empty"];
                return null;
            }
            problems = profile.Validate();
            return problems.Count == 0 ? profile : null;
        }
        catch (JsonException e)
        {
            problems = [$"not a team profile: {e.Message}"];
            return null;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record DocumentInformation(
    DateOnly LastUpdated,
    LocalizedText UpdatesAnnounced,
    LocalizedText Location,
    DateOnly? SecurityTxtExpires);

public sealed record Organization(
    LocalizedText FormalName,
    string EnglishName,
    LocalizedText ShortName,
    LocalizedText Address,
    DateOnly? Established,
    string TimeZone,
    LocalizedText TimeZoneDescription,
    string? Phone,
    string? Fax,
    string? Website);

public sealed record SubTeam(
    string Key,
    LocalizedText Name,
    LocalizedText Purpose,
    string Email,
    IReadOnlyList<string> Handles,
    LocalizedText EmailUse);

public sealed record PublicKeyInfo(LocalizedText Owner, string KeyId, string Type, string Fingerprint);

public sealed record TeamMember(LocalizedText Name, LocalizedText Role, string Team);

public sealed record Charter(
    LocalizedText Mission,
    LocalizedText Constituency,
    LocalizedText Sponsorship,
    LocalizedText Authority,
    IReadOnlyList<LocalizedText> AuthorityItems,
    IReadOnlyList<LocalizedText> NotDone);

public sealed record TeamPolicies(
    LocalizedText IncidentTypes,
    LocalizedText Cooperation,
    LocalizedText Police,
    LocalizedText Press,
    LocalizedText Communication);

public sealed record Services(
    LocalizedText IncidentResponse,
    LocalizedText Triage,
    LocalizedText Coordination,
    LocalizedText Resolution,
    LocalizedText ProactiveIntro,
    IReadOnlyList<LocalizedText> Proactive);
