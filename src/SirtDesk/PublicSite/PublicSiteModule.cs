using SirtDesk.Standards.SecurityTxt;

namespace SirtDesk.PublicSite;

public sealed class PublicSiteOptions
{
    /// <summary>Absolute base for links in security.txt, e-mails and tracking URLs, e.g. https://security.example.com.</summary>
    public string? BaseUrl { get; set; }
}

public static partial class PublicSiteModule
{
    public static void AddPublicSite(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PublicSiteOptions>(builder.Configuration.GetSection("PublicSite"));
    }

    public static void MapPublicSite(this WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration["PublicSite:BaseUrl"]))
        {
            LogNoBaseUrl(app.Logger);
        }
        app.MapGet("/.well-known/security.txt", SecurityTxtAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/security.txt", () => Results.Redirect("/.well-known/security.txt", permanent: true)).AllowAnonymous().ExcludeFromDescription();
        app.MapLanguageSwitch();
        app.MapRazorPages();
    }

    /// <summary>The public base URL, without a trailing slash: <c>PublicSite:BaseUrl</c>, else where the request came to.</summary>
    public static string BaseUrl(HttpContext http, IConfiguration config) =>
        Configured(config) ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    /// <summary>
    /// The public base URL where no request tells it (CLI verbs, mail intake, the setup link), without a trailing
    /// slash: <c>PublicSite:BaseUrl</c>, else the first address the server listens on (<c>Urls</c>), else the default one.
    /// </summary>
    public static string BaseUrl(IConfiguration config) =>
        Configured(config) ?? (config["Urls"] is { } urls && urls.Split(';')[0].Trim() is { Length: > 0 } first ? first : "http://127.0.0.1:5080").TrimEnd('/');

    private static string? Configured(IConfiguration config) =>
        config["PublicSite:BaseUrl"] is { } configured && !string.IsNullOrWhiteSpace(configured) ? configured.Trim().TrimEnd('/') : null;

    /// <summary>
    /// security.txt, OpenPGP clear-signed (RFC 9116 §2.3) with exactly one signature, by the <see cref="PublishingKey"/>
    /// (the same key that signs the CSAF documents); unsigned only when no team has a key. Each team's current key is
    /// an <c>Encryption:</c> line.
    /// </summary>
    private static async Task<IResult> SecurityTxtAsync(HttpContext http, ProfileStore profiles, Mail.TeamKeys keys, TimeProvider clock, IConfiguration config, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        var now = clock.GetUtcNow();
        var baseUrl = BaseUrl(http, config);
        var keyring = await keys.KeyringAsync(ct);
        var encryption = new List<Uri>();
        foreach (var team in profile.Teams)
        {
            if (await keys.CurrentAsync(team.Key, ct) is { } key)
            {
                encryption.Add(new Uri($"{baseUrl}/pgp/{key.Fingerprint}.asc"));
            }
        }
        var text = BuildSecurityTxt(profile, baseUrl, now, encryption).Render();
        if (PublishingKey.Choose(keyring, profile, config) is { } signer)
        {
            text = Mail.ClearSigned.Sign(text, signer, now);
        }
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    public static SecurityTxtDocument BuildSecurityTxt(TeamProfile profile, string baseUrl, DateTimeOffset now, IReadOnlyList<Uri>? encryption = null)
    {
        var contacts = new List<Uri>
        {
            new($"{baseUrl}/ja/report/vulnerability"),
            new($"{baseUrl}/ja/report/incident"),
        };
        contacts.AddRange(profile.Teams.Select(t => new Uri($"mailto:{t.Email}")));
        return new SecurityTxtDocument(
            contacts,
            Expires(profile, now),
            ["ja", "en"],
            [new Uri($"{baseUrl}/.well-known/security.txt")],
            [new Uri($"{baseUrl}/ja/"), new Uri($"{baseUrl}/en/")],
            encryption ?? [], [], [])
        {
            Csaf = [new Uri($"{baseUrl}/.well-known/csaf/provider-metadata.json")],
        };
    }

    /// <summary>
    /// The profile's date when it is set and still ahead (capped at a year, as RFC 9116 recommends);
    /// otherwise now + 365 days rounded down to the day.
    /// </summary>
    public static DateTimeOffset Expires(TeamProfile profile, DateTimeOffset now)
    {
        var fallback = new DateTimeOffset(now.UtcDateTime.Date.AddDays(365), TimeSpan.Zero);
        if (profile.Document.SecurityTxtExpires is not { } day)
        {
            return fallback;
        }
        var set = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return set <= now ? fallback : set > now.AddDays(365) ? fallback : set;
    }

    /// <summary>True when the set expiry is 30 days away or less: the console warns the administrators.</summary>
    public static bool ExpiresSoon(TeamProfile profile, DateTimeOffset now) =>
        profile.Document.SecurityTxtExpires is { } day && new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) <= now.AddDays(30);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PublicSite:BaseUrl is not set: security.txt, receipts and e-mails take their links from each request's Host header. Set it (e.g. https://security.example.com) before exposing the server.")]
    private static partial void LogNoBaseUrl(ILogger logger);
}
