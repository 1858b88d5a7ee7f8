using System.Diagnostics.CodeAnalysis;

namespace SirtDesk.Standards.Versions;

/// <summary>
/// A Maven version ordered by the rules of Maven's <c>ComparableVersion</c> (its javadoc and the POM reference's
/// "Version Order Specification"): tokens split at <c>.</c>, <c>-</c> and digit/letter transitions (a transition
/// counts as <c>-</c>); a <c>-</c> opens a sub-list; trailing "null" tokens (0, "", ga, final) are dropped;
/// qualifiers order alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final &lt; sp, then unknown
/// qualifiers in lexical order; <c>a1</c>/<c>b1</c>/<c>m1</c> mean alpha-1/beta-1/milestone-1; case-insensitive.
/// </summary>
[SuppressMessage("Design", "CA1036", Justification = "Ordered by precedence only; equal precedence (1.0 = 1.0.0) is not value equality, so no ==.")]
public sealed class MavenVersion : IComparable<MavenVersion>, IComparable
{
    private readonly ListItem _items;

    private MavenVersion(ListItem items, string text)
    {
        _items = items;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Every non-empty string is a Maven version.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MavenVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        version = new MavenVersion(Build(text.Trim().ToLowerInvariant()), text);
        return true;
    }

    private static ListItem Build(string v)
    {
        var root = new ListItem();
        var list = root;
        var opened = new Stack<ListItem>();
        opened.Push(list);
        var isDigit = false;
        var start = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var c = v[i];
            if (c is '.' or '-')
            {
                list.Add(i == start ? IntItem.Zero : Token(isDigit, v[start..i], followedByDigit: false));
                start = i + 1;
                if (c == '-')
                {
                    var sub = new ListItem();
                    list.Add(sub);
                    list = sub;
                    opened.Push(list);
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!isDigit && i > start)
                {
                    list.Add(new StringItem(v[start..i], followedByDigit: true));
                    start = i;
                    var sub = new ListItem();
                    list.Add(sub);
                    list = sub;
                    opened.Push(list);
                }
                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Add(Token(true, v[start..i], followedByDigit: false));
                    start = i;
                    var sub = new ListItem();
                    list.Add(sub);
                    list = sub;
                    opened.Push(list);
                }
                isDigit = false;
            }
        }
        if (v.Length > start)
        {
            list.Add(Token(isDigit, v[start..], followedByDigit: false));
        }
        while (opened.Count > 0)
        {
            opened.Pop().Normalize();
        }
        return root;
    }

    private static Item Token(bool isDigit, string text, bool followedByDigit) =>
        isDigit ? new IntItem(text) : new StringItem(text, followedByDigit);

    public int CompareTo(MavenVersion? other) => other is null ? 1 : Math.Sign(_items.CompareTo(other._items));

    public int CompareTo(object? obj) => obj is MavenVersion v ? CompareTo(v) : throw new ArgumentException("not a Maven version", nameof(obj));

    public override string ToString() => Text;

    private abstract class Item
    {
        public abstract bool IsNull { get; }

        /// <summary>Compares with another item, or with "nothing" (the padding of a shorter list) when null.</summary>
        public abstract int CompareTo(Item? other);
    }

    private sealed class IntItem(string digits) : Item
    {
        public static readonly IntItem Zero = new("0");

        private readonly string _digits = digits.TrimStart('0');

        public override bool IsNull => _digits.Length == 0;

        public override int CompareTo(Item? other) => other switch
        {
            null => IsNull ? 0 : 1,
            IntItem i => Numeric.Compare(_digits, i._digits),
            _ => 1, // 1.1 > 1-sp, 1.1 > 1-1
        };
    }

    private sealed class StringItem : Item
    {
        private static readonly string[] Known = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
        private static readonly string Release = "5";

        private readonly string _comparable;

        public StringItem(string value, bool followedByDigit)
        {
            if (followedByDigit && value.Length == 1)
            {
                value = value[0] switch { 'a' => "alpha", 'b' => "beta", 'm' => "milestone", _ => value };
            }
            value = value switch { "ga" or "final" or "release" => "", "cr" => "rc", _ => value };
            var index = Array.IndexOf(Known, value);
            _comparable = index >= 0 ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : Known.Length + "-" + value;
        }

        public override bool IsNull => _comparable == Release;

        public override int CompareTo(Item? other) => other switch
        {
            null => Math.Sign(string.CompareOrdinal(_comparable, Release)), // 1-rc < 1, 1-sp > 1
            StringItem s => Math.Sign(string.CompareOrdinal(_comparable, s._comparable)),
            _ => -1, // 1.any < 1.1, 1.any < 1-1
        };
    }

    private sealed class ListItem : Item
    {
        private readonly List<Item> _items = [];

        public void Add(Item item) => _items.Add(item);

        public override bool IsNull => _items.Count == 0;

        public void Normalize()
        {
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                if (_items[i].IsNull)
                {
                    _items.RemoveAt(i);
                }
                else if (_items[i] is not ListItem)
                {
                    break;
                }
            }
        }

        public override int CompareTo(Item? other)
        {
            switch (other)
            {
                case null:
                    return _items.Count == 0 ? 0 : _items[0].CompareTo(null);
                case IntItem:
                    return -1; // 1-1 < 1.0.x
                case StringItem:
                    return 1; // 1-1 > 1-sp
                case ListItem list:
                    var n = Math.Max(_items.Count, list._items.Count);
                    for (var i = 0; i < n; i++)
                    {
                        var l = i < _items.Count ? _items[i] : null;
                        var r = i < list._items.Count ? list._items[i] : null;
                        var c = l is null ? (r is null ? 0 : -r.CompareTo(null)) : l.CompareTo(r);
                        if (c != 0)
                        {
                            return c;
                        }
                    }
                    return 0;
                default:
                    return 0;
            }
        }
    }
}
