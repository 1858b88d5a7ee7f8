using SirtDesk.Data;
using SirtDesk.Web;

namespace SirtDesk.Components;

public static class ComponentsModule
{
    public static void AddComponents(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OsvImport>();
    }

    public static void MapComponents(this WebApplication app)
    {
    }
}

/// <summary><c>sirtdesk osv import PATH</c> and <c>sirtdesk sbom import --product P --version V FILE</c>.</summary>
public static class ComponentVerbs
{
    public static async Task<int> OsvAsync(WebApplication app, CommandLine cli)
    {
        if (cli.VerbArgs.Count != 2 || cli.VerbArgs[0] != "import")
        {
            await Console.Error.WriteLineAsync("usage: sirtdesk osv import PATH      (a folder of OSV JSON files or a zip of them)");
            return Verbs.Usage;
        }
        var path = cli.VerbArgs[1];
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"sirtdesk: no folder or file at {path}.");
            return Verbs.DataError;
        }
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        OsvImportResult result;
        try
        {
            result = await scope.ServiceProvider.GetRequiredService<OsvImport>().ImportAsync(Standards.Osv.OsvSource.Read(path), CancellationToken.None);
        }
        catch (InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: {path} is neither a folder nor a zip file.");
            return Verbs.DataError;
        }
        foreach (var p in result.Problems)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: skipped {p}");
        }
        Console.WriteLine($"{result.Read} advisories read: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged (not newer), {result.Withdrawn} withdrawn; {result.Problems.Count} files skipped.");
        return result.Problems.Count > 0 ? Verbs.Failed : Verbs.Ok;
    }
}
