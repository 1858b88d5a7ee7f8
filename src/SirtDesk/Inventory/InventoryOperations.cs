using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Staff;
using SirtDesk.Triage;

namespace SirtDesk.Inventory;

/// <summary>A product as typed into a form or a CSV line: every field untrusted text.</summary>
public sealed record ProductInput(string? Key, string? Kind, string? NameJa, string? NameEn, string? Team, string? Lifecycle, string? EndOfLife, string? Exposure, string? Deployment);

public sealed record VersionInput(string? Version, string? ReleasedOn, string? Lifecycle, string? EndOfLife);

/// <summary>One problem with an input: the field and the resource key of its message.</summary>
public sealed record InventoryProblem(string Field, string Error);

/// <summary>Creates and edits products, services and their versions. Administrators edit all; coordinators the products of their teams.</summary>
public sealed partial class InventoryOperations(SirtDb db, StaffAccess access, ProfileStore profiles, SeverityPolicyStore policies)
{
    /// <summary>The teams whose products the user may edit: null for all (administrators), else the coordinator's own teams (or none).</summary>
    public async Task<IReadOnlyList<string>?> EditableTeamsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return null;
        }
        return user.IsInRole(Roles.Coordinator) ? await access.VisibleTeamsAsync(user, ct) ?? [] : [];
    }

    public static bool MayEdit(IReadOnlyList<string>? editable, string team) => editable is null || editable.Contains(team);

    /// <summary>The products of the teams the user may see, by kind and name.</summary>
    public async Task<List<Product>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(user, ct);
        var query = db.Set<Product>().AsNoTracking().Include(p => p.Versions).AsQueryable();
        if (visible is not null)
        {
            query = query.Where(p => visible.Contains(p.Team));
        }
        var list = await query.ToListAsync(ct);
        return [.. list.OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal)];
    }

    /// <summary>A product the user may see, with its versions; null when it does not exist or belongs to another team.</summary>
    public async Task<Product?> FindAsync(ClaimsPrincipal user, string key, CancellationToken ct)
    {
        var product = await db.Set<Product>().Include(p => p.Versions).FirstOrDefaultAsync(p => p.Key == key, ct);
        return product is not null && await access.CanSeeTeamAsync(user, product.Team, ct) ? product : null;
    }

    public async Task<IReadOnlyList<InventoryProblem>> ValidateAsync(ProductInput input, CancellationToken ct)
    {
        var teams = (await profiles.GetAsync(ct)).Teams.Select(t => t.Key).ToList();
        return Validate(input, teams, await policies.GetAsync(ct));
    }

    public static IReadOnlyList<InventoryProblem> Validate(ProductInput input, IReadOnlyList<string> teams, SeverityPolicy policy)
    {
        var problems = new List<InventoryProblem>();
        if (input.Key is null || !KeyPattern().IsMatch(input.Key))
        {
            problems.Add(new("key", "Inv_KeyInvalid"));
        }
        if (input.Kind is null || !ProductKinds.All.Contains(input.Kind))
        {
            problems.Add(new("kind", "Inv_KindInvalid"));
        }
        if (string.IsNullOrWhiteSpace(input.NameJa) || string.IsNullOrWhiteSpace(input.NameEn) || input.NameJa.Trim().Length > 200 || input.NameEn.Trim().Length > 200)
        {
            problems.Add(new("name", "Inv_NameRequired"));
        }
        if (input.Team is null || !teams.Contains(input.Team))
        {
            problems.Add(new("team", "Inv_TeamUnknown"));
        }
        Lifecycle(problems, "", input.Lifecycle, input.EndOfLife);
        if (input.Exposure is null || !InventoryFacts.Options(policy, InventoryFacts.ExposureFactor).Any(o => o.Value == input.Exposure))
        {
            problems.Add(new("exposure", "Inv_ExposureInvalid"));
        }
        if (input.Deployment is null || !InventoryFacts.Options(policy, InventoryFacts.DeploymentFactor).Any(o => o.Value == input.Deployment))
        {
            problems.Add(new("deployment", "Inv_DeploymentInvalid"));
        }
        return problems;
    }

    public static IReadOnlyList<InventoryProblem> Validate(VersionInput input)
    {
        var problems = new List<InventoryProblem>();
        if (string.IsNullOrWhiteSpace(input.Version) || input.Version.Trim().Length > 64 || input.Version.Any(char.IsControl))
        {
            problems.Add(new("version", "Inv_VersionInvalid"));
        }
        if (!string.IsNullOrEmpty(input.ReleasedOn) && ParseDate(input.ReleasedOn) is null)
        {
            problems.Add(new("released_on", "Inv_DateInvalid"));
        }
        Lifecycle(problems, "version_", input.Lifecycle, input.EndOfLife);
        return problems;
    }

    private static void Lifecycle(List<InventoryProblem> problems, string prefix, string? lifecycle, string? endOfLife)
    {
        if (lifecycle is null || !Lifecycles.All.Contains(lifecycle))
        {
            problems.Add(new(prefix + "lifecycle", "Inv_LifecycleInvalid"));
        }
        if (!string.IsNullOrEmpty(endOfLife) && ParseDate(endOfLife) is null)
        {
            problems.Add(new(prefix + "end_of_life", "Inv_DateInvalid"));
        }
        else if (lifecycle == Lifecycles.EndOfLife && string.IsNullOrEmpty(endOfLife))
        {
            problems.Add(new(prefix + "end_of_life", "Inv_EndOfLifeDateRequired"));
        }
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Creates a product; the caller validated the input and checked the user may edit its team.</summary>
    public async Task<(Product? Product, InventoryProblem? Problem)> CreateAsync(ProductInput input, CancellationToken ct)
    {
        if (await db.Set<Product>().AnyAsync(p => p.Key == input.Key, ct))
        {
            return (null, new("key", "Inv_KeyTaken"));
        }
        var product = new Product { Key = input.Key!, Kind = input.Kind!, NameJa = "", NameEn = "", Team = input.Team!, Exposure = input.Exposure!, Deployment = input.Deployment! };
        Apply(product, input);
        db.Add(product);
        await db.SaveChangesAsync(ct);
        return (product, null);
    }

    /// <summary>Copies the validated fields (all but the key, which stays) onto a product; the caller saves.</summary>
    public static void Apply(Product product, ProductInput input)
    {
        product.Kind = input.Kind!;
        product.NameJa = input.NameJa!.Trim();
        product.NameEn = input.NameEn!.Trim();
        product.Team = input.Team!;
        product.Lifecycle = input.Lifecycle!;
        product.EndOfLife = ParseDate(input.EndOfLife);
        product.Exposure = input.Exposure!;
        product.Deployment = input.Deployment!;
    }

    public static void Apply(ProductVersion version, VersionInput input)
    {
        version.ReleasedOn = ParseDate(input.ReleasedOn);
        version.Lifecycle = input.Lifecycle!;
        version.EndOfLife = ParseDate(input.EndOfLife);
    }

    /// <summary>Adds a version, or updates the one with the same name; the caller validated the input.</summary>
    public async Task<ProductVersion> PutVersionAsync(Product product, VersionInput input, CancellationToken ct)
    {
        var name = input.Version!.Trim();
        var version = product.Versions.FirstOrDefault(v => v.Version == name);
        if (version is null)
        {
            version = new ProductVersion { Version = name };
            product.Versions.Add(version);
        }
        Apply(version, input);
        await db.SaveChangesAsync(ct);
        return version;
    }

    public async Task SaveAsync(CancellationToken ct) => await db.SaveChangesAsync(ct);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex KeyPattern();
}
