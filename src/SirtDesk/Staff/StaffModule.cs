using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SirtDesk.Data;

namespace SirtDesk.Staff;

public static class Policies
{
    /// <summary>Any signed-in staff member (cookie + TOTP).</summary>
    public const string Staff = "Staff";
    public const string Administrator = "Administrator";
    /// <summary>The API: a personal access token.</summary>
    public const string ApiToken = "ApiToken";
}

public static partial class StaffModule
{
    public static void AddStaff(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/staff/login";
            o.LogoutPath = "/staff/logout";
            o.AccessDeniedPath = "/staff/denied";
            o.Cookie.Name = "sirtdesk.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        builder.Services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SirtDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.Administrator, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(Roles.Administrator))
            .AddPolicy(Policies.ApiToken, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser().RequireRole(Roles.All));
        builder.Services.AddScoped<StaffAccess>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<StaffAccounts>();
    }

    public static void MapStaff(this WebApplication app)
    {
        app.MapAttachmentDownload();
        app.MapReportsApi();
        app.MapPost("/staff/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/staff/login");
        }).RequireAuthorization(Policies.Staff);
    }

    /// <summary>Prints the one-time setup link while no administrator exists. There are no default credentials.</summary>
    public static async Task PrintSetupLinkAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var token = await accounts.IssueSetupTokenIfNoAdministratorAsync(CancellationToken.None);
        if (token is null)
        {
            return;
        }
        var baseUrl = PublicSite.PublicSiteModule.BaseUrl(app.Configuration);
        // The console, not the log: this link is a credential and must not end up in log aggregation.
        await Console.Out.WriteLineAsync($"No administrator yet. Create the first one at: {baseUrl}/staff/setup/{token}");
    }
}

/// <summary>Which sub-teams the signed-in user may see: administrators all, everyone else the teams they belong to.</summary>
public sealed class StaffAccess(SirtDb db)
{
    public async Task<IReadOnlyList<string>?> VisibleTeamsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return null;
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return await db.TeamMemberships.Where(m => m.UserId == id).Select(m => m.Team).ToListAsync(ct);
    }

    public async Task<bool> CanSeeTeamAsync(ClaimsPrincipal user, string team, CancellationToken ct)
    {
        var teams = await VisibleTeamsAsync(user, ct);
        return teams is null || teams.Contains(team);
    }

    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";

    /// <summary>Coordinators, analysts and administrators act on reports and cases; Legal, PR and auditors read.</summary>
    public static bool CanAct(ClaimsPrincipal user) => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Analyst);
}

/// <summary>Accounts, setup and tokens: used by the console pages and by the CLI verbs alike.</summary>
public sealed class StaffAccounts(SirtDb db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    private const string SetupKey = "setup-token";

    public async Task EnsureRolesAsync()
    {
        foreach (var r in Roles.All)
        {
            if (!await roles.RoleExistsAsync(r))
            {
                await roles.CreateAsync(new IdentityRole(r));
            }
        }
    }

    public async Task<bool> AnyAdministratorAsync() => (await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0;

    public async Task<string?> IssueSetupTokenIfNoAdministratorAsync(CancellationToken ct)
    {
        await EnsureRolesAsync();
        if (await AnyAdministratorAsync())
        {
            return null;
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        await db.PutSettingAsync(SetupKey, Hash(token), clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<bool> IsValidSetupTokenAsync(string token, CancellationToken ct)
    {
        if (await AnyAdministratorAsync())
        {
            return false;
        }
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SetupKey, ct);
        return stored is not null && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(stored.Value), Convert.FromHexString(Hash(token)));
    }

    public async Task ConsumeSetupTokenAsync(CancellationToken ct)
    {
        await db.Settings.Where(s => s.Key == SetupKey).ExecuteDeleteAsync(ct);
    }

    /// <summary>Creates a staff account. Two-factor is on from the start: the first sign-in enrols the authenticator.</summary>
    public async Task<IdentityResult> CreateAsync(string email, string password, string role, IEnumerable<string> teams, string? displayName = null)
    {
        await EnsureRolesAsync();
        var user = new StaffUser { UserName = email, Email = email, DisplayName = displayName ?? email, TwoFactorEnabled = true, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result;
        }
        await users.AddToRoleAsync(user, role);
        foreach (var t in teams.Distinct())
        {
            db.TeamMemberships.Add(new TeamMembership { UserId = user.Id, Team = t });
        }
        await db.SaveChangesAsync();
        return result;
    }

    /// <summary>Creates a personal access token and returns it; only its hash is kept.</summary>
    public async Task<string?> CreateTokenAsync(string email, string name, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return null;
        }
        var token = "sdk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = name, TokenHash = Hash(token), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}

/// <summary>Authorization: Bearer TOKEN for the API; the token stands for its user with the user's roles.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SirtDb db, IMemoryCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = StaffAccounts.Hash(header["Bearer ".Length..].Trim());
        // A token's user and roles are looked up at most every 30 seconds (automation calls in bursts).
        if (!cache.TryGetValue(CacheKey(hash), out ClaimsPrincipal? principal))
        {
            principal = await LookUpAsync(hash);
            cache.Set(CacheKey(hash), principal, TimeSpan.FromSeconds(30));
        }
        return principal is null ? AuthenticateResult.Fail("invalid token") : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string CacheKey(string hash) => "api-token:" + hash;

    private async Task<ClaimsPrincipal?> LookUpAsync(string hash)
    {
        var found = await (from t in db.ApiTokens
                           join u in db.Users on t.UserId equals u.Id
                           where t.TokenHash == hash
                           select new { u.Id, u.Email, u.LockoutEnd }).FirstOrDefaultAsync(Context.RequestAborted);
        // A locked-out account's tokens stop working too (within the 30-second cache).
        if (found is null || found.LockoutEnd > clock.GetUtcNow())
        {
            return null;
        }
        var roleNames = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == found.Id
                               select r.Name).ToListAsync(Context.RequestAborted);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, found.Id), new(ClaimTypes.Email, found.Email ?? "") };
        claims.AddRange(roleNames.Where(n => n is not null).Select(n => new Claim(ClaimTypes.Role, n!)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }
}
