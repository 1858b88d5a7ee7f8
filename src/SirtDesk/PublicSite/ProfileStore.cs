using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;

namespace SirtDesk.PublicSite;

/// <summary>
/// The team profile in force: the one an administrator saved or imported, else the built-in sample, so a
/// fresh install serves every public page at once. Cached briefly; a save in this process refreshes at once,
/// an import by the CLI beside a running server shows within the cache time.
/// </summary>
public sealed class ProfileStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string SettingKey = "team-profile";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private static readonly Lazy<TeamProfile> BuiltIn = new(LoadBuiltIn);
    private (TeamProfile Profile, DateTimeOffset Until)? cached;

    public static TeamProfile Default => BuiltIn.Value;

    public async Task<TeamProfile> GetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cached is { } c && c.Until > now)
        {
            return c.Profile;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        var profile = stored is null ? Default : TeamProfile.Parse(stored.Value, out _) ?? Default;
        cached = (profile, now + CacheFor);
        return profile;
    }

    /// <summary>Validates and stores a profile; returns the problems instead when there are any.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(string json, CancellationToken ct)
    {
        var profile = TeamProfile.Parse(json, out var problems);
        if (profile is null)
        {
            return problems;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        await db.PutSettingAsync(SettingKey, profile.ToJson(), clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        cached = (profile, clock.GetUtcNow() + CacheFor);
        return [];
    }

    private static TeamProfile LoadBuiltIn()
    {
        using var stream = typeof(ProfileStore).Assembly.GetManifestResourceStream("SirtDesk.profile.example.json")
            ?? throw new InvalidOperationException("The built-in profile is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return TeamProfile.Parse(reader.ReadToEnd(), out var problems)
            ?? throw new InvalidOperationException("The built-in profile is invalid: " + string.Join("; ", problems));
    }
}
