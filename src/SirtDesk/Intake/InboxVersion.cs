namespace SirtDesk.Intake;

/// <summary>
/// Counts changes to reports in this process. Inbox lists are cached per version, so a change made here shows
/// at once; a change made by another node shows when the short cache time runs out.
/// </summary>
public sealed class InboxVersion
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private long version;

    public long Current => Interlocked.Read(ref version);

    public void Bump() => Interlocked.Increment(ref version);
}
