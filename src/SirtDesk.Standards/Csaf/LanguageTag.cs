using System.Text.RegularExpressions;

namespace SirtDesk.Standards.Csaf;

/// <summary>
/// Test 6.1.12: a BCP 47 (RFC 5646) language tag that is well formed and whose two-letter primary language is an
/// ISO 639-1 code of the IANA subtag registry. Three-letter primary languages, regions and scripts are checked for
/// form only (SirtDesk does not carry the whole registry).
/// </summary>
internal static partial class LanguageTag
{
    // ISO 639-1 as in the IANA Language Subtag Registry, including the deprecated in, iw, ji, jw, mo.
    private static readonly HashSet<string> TwoLetter =
    [
        .. ("aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu " +
        "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl " +
        "km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om " +
        "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt " +
        "tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu").Split(' '),
    ];

    /// <summary>Null for a valid tag, else why it is not.</summary>
    public static string? Check(string tag)
    {
        if (Grandfathered().IsMatch(tag) || PrivateUse().IsMatch(tag))
        {
            return null;
        }
        var m = LangTag().Match(tag);
        if (!m.Success)
        {
            return $"\"{tag}\" is not a well-formed BCP 47 language tag";
        }
        var language = m.Groups["language"].Value.ToLowerInvariant();
        if (language.Length == 2 && !TwoLetter.Contains(language))
        {
            return $"\"{language}\" is not a registered language subtag";
        }
        return null;
    }

    // RFC 5646 section 2.1 langtag (the same grammar as the CSAF schema's lang_t).
    [GeneratedRegex(@"^(?<language>[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LangTag();

    [GeneratedRegex(@"^[Xx](?:-[A-Za-z0-9]{1,8})+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateUse();

    [GeneratedRegex(@"^(?:en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Grandfathered();
}
