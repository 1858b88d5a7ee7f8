using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SirtDesk.Data;

namespace SirtDesk.Web;

internal sealed class DatabaseHealthCheck(SirtDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Ready means migrated: the newest migration is applied, not just that the file or server answers.
            var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
            return pending.Any() ? HealthCheckResult.Unhealthy("migrations pending") : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (WebModule.IsDatabaseUnavailable(e))
        {
            return HealthCheckResult.Unhealthy("database unavailable");
        }
    }
}
