using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using SirtDesk.Web;

namespace SirtDesk.Intake;

/// <summary>What a reporter sends, before it is checked: the API's JSON body and the forms both become this.</summary>
public sealed class ReportSubmission
{
    public string? Kind { get; set; }
    public string? Language { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Product { get; set; }
    public string? ProductVersion { get; set; }
    public string? VulnerabilityType { get; set; }
    public string? StepsToReproduce { get; set; }
    public string? Impact { get; set; }
    public string? ProofOfConcept { get; set; }
    public string? DisclosurePlans { get; set; }
    public string? OtherPartiesInformed { get; set; }
    public string? AffectedService { get; set; }
    public string? DetectedAt { get; set; }
    public string? DetectedTimeZone { get; set; }
    public string? Scope { get; set; }
    public string? Indicators { get; set; }
    public ReporterSubmission? Reporter { get; set; }
}

public sealed class ReporterSubmission
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Organization { get; set; }
    public string? PgpKey { get; set; }
    public string? Credit { get; set; }
}

/// <summary>A file as it arrived, not yet stored.</summary>
public sealed record IncomingAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A report that passed every check; the intake writer can store it as is.</summary>
public sealed record NewReport(
    ReportKind Kind,
    string Language,
    string Channel,
    string Title,
    string Description,
    string? Product,
    string? ProductVersion,
    string? VulnerabilityType,
    string? StepsToReproduce,
    string? Impact,
    string? ProofOfConcept,
    string? DisclosurePlans,
    string? OtherPartiesInformed,
    string? AffectedService,
    DateTimeOffset? DetectedAt,
    string? DetectedTimeZone,
    string? Scope,
    string? Indicators,
    string? ReporterName,
    string ReporterEmail,
    string? ReporterOrganization,
    string? ReporterPgpKey,
    string Credit,
    IReadOnlyList<IncomingAttachment> Attachments,
    MailFacts? Mail = null);

/// <summary>
/// What the e-mail channel knows about a report beyond its text: the sub-team whose address received it, how it
/// was protected, the original message, the case a reply joins (only for a sender already on that case), and
/// whether an automatic acknowledgement may go out (loop prevention).
/// </summary>
public sealed record MailFacts(
    string Team,
    string? MessageId,
    string Encryption,
    string SignatureStatus,
    string? SignerFingerprint,
    byte[] Original,
    long? JoinCaseId,
    string? JoinCaseNumber,
    bool Acknowledge,
    string? ClaimedCaseNumber);

public sealed class IntakeOptions
{
    public int RateLimitPerMinute { get; set; } = 10;
    public int MaxTextFieldBytes { get; set; } = 64 * 1024;
    public int MaxAttachments { get; set; } = 10;
    public long MaxAttachmentBytes { get; set; } = 20L * 1024 * 1024;
    public string[] KnownProxies { get; set; } = [];
}

/// <summary>
/// One set of rules for every channel. Errors are keyed by the JSON field path (<c>reporter.email</c>) and
/// written in the language of the page or of the report.
/// </summary>
public static class ReportValidation
{
    public static NewReport? Validate(
        ReportSubmission s,
        string channel,
        IReadOnlyList<IncomingAttachment> attachments,
        IntakeOptions limits,
        IStringLocalizer localizer,
        out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!found.TryGetValue(key, out var list))
            {
                found[key] = list = [];
            }
            list.Add(message);
        }

        string? Clean(string? value, string key, bool required = false)
        {
            var v = value?.Replace("\0", "", StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(v))
            {
                if (required)
                {
                    Add(key, localizer["Required", localizer["Field_" + key]]);
                }
                return null;
            }
            if (Encoding.UTF8.GetByteCount(v) > limits.MaxTextFieldBytes)
            {
                Add(key, localizer["TooLong", localizer["Field_" + key], limits.MaxTextFieldBytes / 1024]);
            }
            return v;
        }

        ReportKind? kind = s.Kind switch
        {
            "vulnerability" => ReportKind.Vulnerability,
            "incident" => ReportKind.Incident,
            null or "" => null,
            _ => null,
        };
        if (kind is null)
        {
            Add("kind", string.IsNullOrEmpty(s.Kind) ? localizer["Required", localizer["Field_kind"]] : localizer["KindInvalid"]);
        }
        var language = s.Language;
        if (language is not ("ja" or "en"))
        {
            Add("language", string.IsNullOrEmpty(language) ? localizer["Required", localizer["Field_language"]] : localizer["LanguageInvalid"]);
        }

        var title = Clean(s.Title, "title", required: true);
        var description = Clean(s.Description, "description", required: true);
        var product = Clean(s.Product, "product");
        var productVersion = Clean(s.ProductVersion, "productVersion");
        var vulnerabilityType = Clean(s.VulnerabilityType, "vulnerabilityType");
        var steps = Clean(s.StepsToReproduce, "stepsToReproduce");
        var impact = Clean(s.Impact, "impact");
        var poc = Clean(s.ProofOfConcept, "proofOfConcept");
        var disclosure = Clean(s.DisclosurePlans, "disclosurePlans");
        var others = Clean(s.OtherPartiesInformed, "otherPartiesInformed");
        var service = Clean(s.AffectedService, "affectedService");
        var detectedTz = Clean(s.DetectedTimeZone, "detectedTimeZone");
        var scope = Clean(s.Scope, "scope");
        var indicators = Clean(s.Indicators, "indicators");

        DateTimeOffset? detectedAt = null;
        var detectedText = Clean(s.DetectedAt, "detectedAt");
        if (detectedText is not null)
        {
            if (DateTimeOffset.TryParse(detectedText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && HasOffset(detectedText))
            {
                detectedAt = at.ToUniversalTime();
            }
            else
            {
                Add("detectedAt", localizer["DetectedAtInvalid"]);
            }
        }
        if (detectedTz is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(detectedTz, out _))
        {
            Add("detectedTimeZone", localizer["TimeZoneInvalid"]);
        }

        var r = s.Reporter ?? new ReporterSubmission();
        var name = Clean(r.Name, "reporter.name");
        var email = Clean(r.Email, "reporter.email", required: true);
        if (email is not null && !LooksLikeEmail(email))
        {
            Add("reporter.email", localizer["EmailInvalid"]);
        }
        var organization = Clean(r.Organization, "reporter.organization");
        var pgp = Clean(r.PgpKey, "reporter.pgpKey");
        if (pgp is not null && !pgp.Contains("-----BEGIN PGP PUBLIC KEY BLOCK-----", StringComparison.Ordinal))
        {
            Add("reporter.pgpKey", localizer["PgpKeyInvalid"]);
        }
        var credit = string.IsNullOrEmpty(r.Credit) ? "name" : r.Credit;
        if (credit is not ("name" or "anonymous"))
        {
            Add("reporter.credit", localizer["CreditInvalid"]);
        }

        if (attachments.Count > limits.MaxAttachments)
        {
            Add("attachments", localizer["TooManyAttachments", limits.MaxAttachments]);
        }
        foreach (var a in attachments)
        {
            if (a.Content.LongLength > limits.MaxAttachmentBytes)
            {
                Add("attachments", localizer["AttachmentTooLarge", SafeName(a.FileName), limits.MaxAttachmentBytes / (1024 * 1024)]);
            }
        }

        errors = found.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        if (errors.Count > 0)
        {
            return null;
        }
        return new NewReport(kind!.Value, language!, channel, title!, description!, product, productVersion, vulnerabilityType, steps, impact, poc,
            disclosure, others, service, detectedAt, detectedTz, scope, indicators, name, email!, organization, pgp, credit, attachments);
    }

    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        return t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] is '+' or '-') && t[^3] == ':');
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 3 && email.IndexOf('.', at) > at + 1
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) && email.Length <= 254;
    }

    /// <summary>A file name to show or to offer for download: no path, no control or bidi characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(c);
            sb.Append(char.IsControl(c) || cat == UnicodeCategory.Format ? '_' : c);
        }
        var safe = sb.ToString().Trim('.', ' ');
        return safe.Length == 0 ? "attachment" : safe.Length > 200 ? safe[..200] : safe;
    }
}
