using Microsoft.Extensions.Localization;

namespace SirtDesk.Web;

public static class LocalizerExtensions
{
    /// <summary>
    /// The text of <paramref name="key"/> in <paramref name="lang"/> ("ja" or "en") whatever the current request's
    /// language: mails go out in the subscriber's language, feeds and exports in the one their address or option names.
    /// </summary>
    public static string In(this IStringLocalizer l, string lang, string key, params object[] args)
    {
        using var _ = new Intake.UiCulture(lang == "en" ? "en" : "ja");
        return args.Length == 0 ? l[key] : l[key, args];
    }
}
