using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SirtDesk.Data;

namespace SirtDesk.Web;

internal sealed class DatabaseHealthCheck(SirtDb db) : IHealthCheck
{
    private static volatile bool migrated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Ready means migrated: the newest migration is applied, not just that the file or server answers.
            // Once seen migrated (migrations only move forward), a connection check is enough.
            if (migrated)
            {
                return await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unavailable");
            }
            var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
            migrated = !pending.Any();
            return migrated ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("migrations pending");
        }
        catch (Exception e) when (WebModule.IsDatabaseUnavailable(e))
        {
            return HealthCheckResult.Unhealthy("database unavailable");
        }
    }
}
