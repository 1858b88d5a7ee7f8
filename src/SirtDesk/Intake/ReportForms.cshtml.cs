using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Intake;

public sealed class VulnerabilityFormModel(IntakeWriter writer, IOptionsSnapshot<IntakeOptions> options, IStringLocalizer<SharedResource> localizer, IConfiguration config, ProfileStore profiles)
    : ReportFormModel(writer, options, localizer, config, profiles)
{
    public override ReportKind Kind => ReportKind.Vulnerability;
}

public sealed class IncidentFormModel(IntakeWriter writer, IOptionsSnapshot<IntakeOptions> options, IStringLocalizer<SharedResource> localizer, IConfiguration config, ProfileStore profiles)
    : ReportFormModel(writer, options, localizer, config, profiles)
{
    public override ReportKind Kind => ReportKind.Incident;
}
