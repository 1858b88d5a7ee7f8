namespace SirtDesk.Prevention;

/// <summary>
/// The preventive work of each SLA monitor round (one node, one transaction): keep assessment occurrences scheduled
/// ahead and raise overdue plan reviews. Their alerts go out in the same hourly digest as SLA warnings.
/// </summary>
public sealed class PreventionRound(AssessmentOperations assessments, PlanReviewOperations reviews)
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        await assessments.ScheduleAsync(null, ct);
        await reviews.RaiseOverdueAsync(now, ct);
    }

    public Task<IReadOnlyList<DigestLine>> PendingDigestLinesAsync(CancellationToken ct) => reviews.PendingDigestLinesAsync(ct);

    public Task MarkDigestedAsync(IEnumerable<long> alertIds, DateTimeOffset at, CancellationToken ct) => reviews.MarkDigestedAsync(alertIds, at, ct);
}
