using SirtDesk.Staff;

namespace SirtDesk.Inventory;

public static class InventoryModule
{
    public static void AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<InventoryOperations>();
        builder.Services.AddScoped<InventoryCsv>();
    }

    public static void MapInventory(this WebApplication app) =>
        app.MapGet("/staff/inventory.csv", async (HttpContext http, InventoryCsv csv, CancellationToken ct) =>
            Results.File(await csv.ExportAsync(http.User, ct), "text/csv; charset=utf-8", "inventory.csv")).RequireAuthorization(Policies.Staff).ExcludeFromDescription();
}
