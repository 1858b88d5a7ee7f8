using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Coordination;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Triage;

namespace SirtDesk.Inventory;

public sealed record InventoryImportResult(int Products, int Versions, IReadOnlyList<CsvProblem> Problems);

/// <summary>
/// The inventory as CSV (UTF-8 with BOM for Excel), one line per version; a product without versions has one line with
/// empty version columns. An import adds or updates products by key and versions by name, all or nothing: any bad line,
/// or a line for a team the user may not edit, refuses the whole file with the line numbers.
/// </summary>
public sealed class InventoryCsv(SirtDb db, InventoryOperations ops, ProfileStore profiles, SeverityPolicyStore policies)
{
    public static readonly string[] Header =
        ["key", "kind", "name_ja", "name_en", "team", "lifecycle", "end_of_life", "exposure", "deployment", "version", "released_on", "version_lifecycle", "version_end_of_life"];

    public async Task<byte[]> ExportAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var p in await ops.ListAsync(user, ct))
        {
            string[] product = [p.Key, p.Kind, p.NameJa, p.NameEn, p.Team, p.Lifecycle, Date(p.EndOfLife), p.Exposure, p.Deployment];
            if (p.Versions.Count == 0)
            {
                Line(sb, [.. product, "", "", "", ""]);
            }
            foreach (var v in p.Versions.OrderBy(v => v.Id))
            {
                Line(sb, [.. product, v.Version, Date(v.ReleasedOn), v.Lifecycle, Date(v.EndOfLife)]);
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder sb, string[] fields) => sb.Append(string.Join(',', fields.Select(DirectoryCsv.Quote))).Append("\r\n");

    public async Task<InventoryImportResult> ImportAsync(ClaimsPrincipal user, string text, CancellationToken ct)
    {
        var rows = DirectoryCsv.Parse(text.TrimStart('\uFEFF'));
        if (rows.Count == 0 || !rows[0].Fields.Select(f => f.Trim()).SequenceEqual(Header))
        {
            return new(0, 0, [new CsvProblem(1, "header", "Coord_CsvHeader")]);
        }
        var teams = (await profiles.GetAsync(ct)).Teams.Select(t => t.Key).ToList();
        var policy = await policies.GetAsync(ct);
        var editable = await ops.EditableTeamsAsync(user, ct);
        var problems = new List<CsvProblem>();
        var lines = new List<(int Line, ProductInput Product, VersionInput? Version)>();
        var firstByKey = new Dictionary<string, ProductInput>(StringComparer.Ordinal);
        foreach (var (line, raw) in rows.Skip(1))
        {
            if (raw.Count == 1 && raw[0].Length == 0)
            {
                continue;
            }
            if (raw.Count != Header.Length)
            {
                problems.Add(new(line, "columns", "Coord_CsvColumns"));
                continue;
            }
            var f = raw.Select(x => DirectoryCsv.Unquote(x.Trim())).ToArray();
            var product = new ProductInput(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
            var found = InventoryOperations.Validate(product, teams, policy);
            problems.AddRange(found.Select(p => new CsvProblem(line, p.Field, p.Error)));
            if (found.Count == 0 && !InventoryOperations.MayEdit(editable, product.Team!))
            {
                problems.Add(new(line, "team", "Inv_NotYourTeam"));
            }
            if (product.Key is not null && firstByKey.TryGetValue(product.Key, out var first) && first != product)
            {
                problems.Add(new(line, "key", "Inv_CsvInconsistent"));
            }
            firstByKey.TryAdd(product.Key ?? "", product);
            VersionInput? version = null;
            if (f[9].Length > 0 || f[10].Length > 0 || f[11].Length > 0 || f[12].Length > 0)
            {
                version = new VersionInput(f[9], f[10], f[11], f[12]);
                problems.AddRange(InventoryOperations.Validate(version).Select(p => new CsvProblem(line, p.Field, p.Error)));
            }
            lines.Add((line, product, version));
        }
        var keys = lines.Select(l => l.Product.Key!).Distinct().ToList();
        var known = await db.Set<Product>().Include(p => p.Versions).Where(p => keys.Contains(p.Key)).ToListAsync(ct);
        foreach (var (line, product, _) in lines)
        {
            // Moving a product away from a team needs the right to edit that team too.
            if (known.FirstOrDefault(k => k.Key == product.Key) is { } existing && !InventoryOperations.MayEdit(editable, existing.Team))
            {
                problems.Add(new(line, "team", "Inv_NotYourTeam"));
            }
        }
        if (problems.Count > 0)
        {
            return new(0, 0, [.. problems.Distinct().OrderBy(p => p.Line)]);
        }
        var newProducts = 0;
        var newVersions = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (_, input, version) in lines)
        {
            var product = known.FirstOrDefault(k => k.Key == input.Key);
            if (product is null)
            {
                product = new Product { Key = input.Key!, Kind = input.Kind!, NameJa = "", NameEn = "", Team = input.Team!, Exposure = input.Exposure!, Deployment = input.Deployment! };
                db.Add(product);
                known.Add(product);
                newProducts++;
            }
            InventoryOperations.Apply(product, input);
            if (version is not null)
            {
                var name = version.Version!.Trim();
                var v = product.Versions.FirstOrDefault(x => x.Version == name);
                if (v is null)
                {
                    v = new ProductVersion { Version = name };
                    product.Versions.Add(v);
                    newVersions++;
                }
                InventoryOperations.Apply(v, version);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(newProducts, newVersions, []);
    }
}
