using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using SirtDesk.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.WebEncoders;

namespace SirtDesk.Web;

public static class WebModule
{
    public static readonly CultureInfo[] Cultures = [new("ja"), new("en")];

    public static void AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddRazorPages(o => o.RootDirectory = "/")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        builder.Services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Web/{0}.cshtml"));
        // Japanese stays readable in the HTML instead of becoming &#x...; entities; <, >, & and quotes are still encoded.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("ja");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders.Insert(0, new PathLanguageCultureProvider());
        });
        builder.Services.AddProblemDetails();
        // Japanese in API answers stays readable; JSON escaping of quotes and control characters is unchanged.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.Services.AddOpenApi();
        // Cookies and antiforgery tokens survive restarts: the key ring lives in the data directory.
        builder.Services.AddDataProtection().SetApplicationName("SirtDesk");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<DatabaseOptions>, ILoggerFactory>((o, db, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(db.Value.DataDir, "keys", "data-protection")), logs));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<Intake.IntakeOptions>>((o, intake) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var p in intake.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(p));
            }
        });
    }

    public static void UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(handler => handler.Run(UnavailableOrError));
        app.UseStatusCodePages();
        app.Use(SecurityHeaders);
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/", (HttpContext http) => Results.Redirect($"/{PreferredLanguage(http)}/")).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Cookie first (the switcher sets it), then Accept-Language; Japanese when nothing says otherwise.</summary>
    public static string PreferredLanguage(HttpContext http)
    {
        var cookie = http.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
        if (cookie is not null)
        {
            var parsed = CookieRequestCultureProvider.ParseCookieValue(cookie);
            var c = parsed?.UICultures.FirstOrDefault().Value;
            if (c is "ja" or "en")
            {
                return c;
            }
        }
        foreach (var lang in http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var v = lang.Value.Value ?? "";
            if (v.StartsWith("ja", StringComparison.OrdinalIgnoreCase))
            {
                return "ja";
            }
            if (v.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return "en";
            }
        }
        return "ja";
    }

    private static async Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var h = http.Response.Headers;
        // Reports carry exploit code: even if something slipped through encoding, no inline script may run.
        h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        await next();
    }

    private static async Task UnavailableOrError(HttpContext http)
    {
        // The handler runs outside the localization middleware: take back the culture it chose for this request.
        if (http.Features.Get<IRequestCultureFeature>() is { } culture)
        {
            CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        }
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var unavailable = IsDatabaseUnavailable(error);
        http.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (error is BadHttpRequestException bad)
        {
            http.Response.StatusCode = bad.StatusCode;
        }
        else if (error is InvalidDataException && error.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
        if (unavailable)
        {
            http.Response.Headers.RetryAfter = "30";
        }
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = http.Response.StatusCode,
                Title = unavailable ? Text(http, "ServiceUnavailable") : http.Response.StatusCode == 413 ? Text(http, "TooLarge") : http.Response.StatusCode < 500 ? Text(http, "BadRequest") : Text(http, "InternalError"),
            },
        });
    }

    private static string Text(HttpContext http, string key) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()[key];

    public static bool IsDatabaseUnavailable(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>/ja/… and /en/… pages are in the language of their address, whatever the browser says.</summary>
internal sealed class PathLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var path = httpContext.Request.Path.Value ?? "";
        if (path.StartsWith("/ja/", StringComparison.Ordinal) || path == "/ja")
        {
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("ja"));
        }
        if (path.StartsWith("/en/", StringComparison.Ordinal) || path == "/en")
        {
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("en"));
        }
        return NullProviderCultureResult;
    }
}

/// <summary>The language of the current request's pages and texts: "ja" or "en".</summary>
public static class Lang
{
    public static string Current => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
}

/// <summary>Marker type for the shared .resx resources (Resources/SharedResource.resx and .ja.resx).</summary>
public sealed class SharedResource;
