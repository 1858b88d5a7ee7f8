using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Intake;

public static class IntakeModule
{
    public const string RateLimitPolicy = "intake";
    public const long ApiBodyLimit = 2 * 1024 * 1024;

    public static void AddIntake(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection("Intake"));
        builder.Services.AddSingleton<ProfileStore>();
        builder.Services.AddSingleton<IntakeWriter>();
        builder.Services.AddSingleton<InboxVersion>();
        builder.Services.AddScoped<ReporterPortal>();
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IntakeWriter>());
        var intake = builder.Configuration.GetSection("Intake").Get<IntakeOptions>() ?? new IntakeOptions();
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = (intake.MaxAttachments + 1) * intake.MaxAttachmentBytes + 2 * 1024 * 1024);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                var l = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = 429, Title = l["RateLimited"] },
                });
            };
            o.AddPolicy(RateLimitPolicy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<IntakeOptions>>().CurrentValue.RateLimitPerMinute;
                // Only state-changing requests count: reading the empty form must not use up the reporter's attempts.
                if (limit <= 0 || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
    }

    public static void MapIntake(this WebApplication app)
    {
        app.MapPost("/api/v1/reports", SubmitAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ApiBodyLimit))
            .WithName("SubmitReport")
            .WithTags("Reports")
            .Accepts<ReportSubmission>("application/json")
            .Produces<SubmitReportResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record SubmitReportResponse(string TrackingNumber, string TrackingUrl);

    private static async Task<Results<Created<SubmitReportResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpContext http, IntakeWriter writer, IOptionsMonitor<IntakeOptions> options, IStringLocalizer<SharedResource> localizer,
        IConfiguration config, CancellationToken ct)
    {
        if (http.Request.ContentLength > ApiBodyLimit)
        {
            // Kestrel enforces the limit on the stream too (chunked bodies); this answers before reading.
            return TypedResults.Problem(title: localizer["TooLarge"], statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        ReportSubmission? submission;
        try
        {
            submission = await http.Request.ReadFromJsonAsync<ReportSubmission>(ApiJson, ct);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = [localizer["JsonInvalid"]] });
        }
        catch (InvalidOperationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [localizer["JsonContentTypeRequired"]] });
        }
        if (submission is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = [localizer["JsonInvalid"]] });
        }

        // Messages in the language the reporter wrote in, when they told us; else the request's culture.
        using var _ = submission.Language is "ja" or "en" ? new UiCulture(submission.Language) : null;
        var report = ReportValidation.Validate(submission, "api", [], options.CurrentValue, localizer, out var errors);
        if (report is null)
        {
            return TypedResults.ValidationProblem(errors, title: localizer["ValidationTitle"]);
        }
        var baseUrl = PublicSiteModule.BaseUrl(http, config);
        var receipt = await writer.SubmitAsync(report, baseUrl, ct);
        return TypedResults.Created($"/api/v1/reports/{receipt.TrackingNumber}",
            new SubmitReportResponse(receipt.TrackingNumber, Tracking.Url(baseUrl, receipt)));
    }

    internal static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };
}

/// <summary>Switches the UI culture for the lifetime of a using block.</summary>
public sealed class UiCulture : IDisposable
{
    private readonly System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentUICulture;

    public UiCulture(string language) => System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);

    public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = previous;
}
