using Microsoft.Extensions.Localization;

namespace SirtDesk.Web;

/// <summary>
/// The size limit of an upload form (CSV imports, SBOMs, partner keys): a file or pasted text over the form's limit is
/// refused as too large, naming the limit, before anything is read or changed — not as "missing" or "invalid".
/// </summary>
public static class UploadSize
{
    public const long MiB = 1024 * 1024;

    /// <summary>
    /// The localized refusal when <paramref name="length"/> (bytes; null when nothing was given) is over
    /// <paramref name="maxBytes"/>, else null. <paramref name="key"/> takes the limit in MiB as {0}.
    /// </summary>
    public static string? TooLarge(long? length, long maxBytes, IStringLocalizer l, string key = "Upload_TooLarge") =>
        length > maxBytes ? l[key, maxBytes / MiB].Value : null;
}
