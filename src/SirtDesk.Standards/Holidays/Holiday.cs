namespace SirtDesk.Standards.Holidays;

/// <summary>A day off under the Act on National Holidays (国民の祝日に関する法律) or a special law.</summary>
public sealed record Holiday(DateOnly Date, string NameJa, string NameEn, HolidayKind Kind);

/// <summary>Why a day is a holiday.</summary>
public enum HolidayKind
{
    /// <summary>A national holiday (国民の祝日) named in Art. 2 of the Act.</summary>
    National,

    /// <summary>A day made a holiday once by a special law (imperial weddings, funeral, enthronement).</summary>
    SpecialLaw,

    /// <summary>振替休日 (Art. 3-2): replaces a national holiday that fell on a Sunday.</summary>
    Substitute,

    /// <summary>国民の休日 (Art. 3-3): a day sandwiched between two national holidays.</summary>
    Citizens,
}
