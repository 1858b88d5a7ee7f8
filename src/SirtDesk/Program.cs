using SirtDesk.Advisories;
using SirtDesk.Cases;
using SirtDesk.Components;
using SirtDesk.Coordination;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Disclosure;
using SirtDesk.Intake;
using SirtDesk.Inventory;
using SirtDesk.Mail;
using SirtDesk.Prevention;
using SirtDesk.PublicSite;
using SirtDesk.Resolution;
using SirtDesk.Sla;
using SirtDesk.Staff;
using SirtDesk.Triage;
using SirtDesk.Web;

var cli = CommandLine.Parse(args);
if (StandaloneVerbs.TryRun(cli) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = cli.HostArgs,
    ContentRootPath = AppContext.BaseDirectory,
    ApplicationName = typeof(Program).Assembly.GetName().Name,
});

if (cli.Verb != "serve")
{
    // A verb's stdout is its output (a token, a profile): every log line goes to stderr.
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.AddData(cli);
builder.AddCrypto();
builder.AddWeb();
builder.AddPublicSite();
builder.AddIntake();
builder.AddStaff();
builder.AddCases();
builder.AddSla();
builder.AddMail();
builder.AddDisclosure();
builder.AddResolution();
builder.AddCoordination();
builder.AddInventory();
builder.AddPrevention();
builder.AddAdvisories();
builder.AddComponents();

var app = builder.Build();
if (cli.Verb != "serve")
{
    return await Verbs.RunAsync(app, cli);
}

app.UseWeb();
app.MapPublicSite();
app.MapIntake();
app.MapStaff();
app.MapTriage();
app.MapCasesApi();
app.MapSla();
app.MapMail();
app.MapDisclosure();
app.MapResolution();
app.MapCoordination();
app.MapInventory();
app.MapPrevention();
app.MapAdvisories();
app.MapComponents();
await app.PrepareDatabaseOrRetryAsync(app.PrintSetupLinkAsync);
await app.RunAsync();
return 0;

public partial class Program;
