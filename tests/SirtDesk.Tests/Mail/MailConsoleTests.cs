using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>The mail channel as staff see it: team keys, partner keys, quarantine, and a mailed report's protection.</summary>
public sealed class MailConsoleTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string url, Dictionary<string, string> fields, (string Name, string FileName, byte[] Data)? file)
    {
        var page = await client.GetStringAsync(url.Split('?')[0]);
        using var content = new MultipartFormDataContent { { new StringContent(HttpClientForms.Token(page)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields)
        {
            content.Add(new StringContent(v), k);
        }
        if (file is { } f)
        {
            content.Add(new ByteArrayContent(f.Data), f.Name, f.FileName);
        }
        return await client.PostAsync(url, content);
    }

    [Fact]
    public async Task An_administrator_imports_a_gpg_made_secret_key_and_security_txt_is_then_signed_with_it()
    {
        await app.CreateStaffAsync("keys-admin@example.com", "Administrator");
        var admin = await app.SignInAsync("keys-admin@example.com");
        using var gpg = new GnuPg();
        var fingerprint = await gpg.GenerateKeyAsync("KS-SIRT <security@example.com>");
        var secret = await gpg.ExportSecretAsync(fingerprint);

        var imported = await PostMultipartAsync(admin, "/staff/keys?handler=Import", new() { ["team"] = "csirt" }, ("file", "secret.asc", secret));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var page = await admin.GetStringAsync("/staff/keys");
        Assert.Contains(fingerprint, page, StringComparison.Ordinal);

        var text = await app.Anonymous().GetStringAsync("/.well-known/security.txt");
        Assert.Equal(fingerprint, (await gpg.VerifyClearSignedAsync(text)).ValidSigner);

        // A file that is not a secret key is refused with a message, and nothing is added.
        var refused = await PostMultipartAsync(admin, "/staff/keys?handler=Import", new() { ["team"] = "csirt" }, ("file", "x.asc", "not a key"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Generating through the form rotates csirt's key: the gpg key is retired but still listed.
        var generated = await admin.PostFormAsync("/staff/keys?handler=Generate", new() { ["team"] = "csirt", ["algorithm"] = "ed25519", ["validDays"] = "365" }, "/staff/keys");
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var current = await scope.ServiceProvider.GetRequiredService<TeamKeys>().CurrentAsync("csirt", CancellationToken.None);
        Assert.NotEqual(fingerprint, current!.Fingerprint);
        Assert.NotNull(current.ExpiresAt);
        Assert.Contains(fingerprint, await admin.GetStringAsync("/staff/keys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_add_a_partner_key_by_upload_and_mark_it_verified_out_of_band()
    {
        using var gpg = new GnuPg();
        var fingerprint = await gpg.GenerateKeyAsync("Partner PSIRT <psirt@partner.example>");
        var armored = System.Text.Encoding.ASCII.GetBytes(await gpg.ExportAsync(fingerprint));
        await app.CreateStaffAsync("keys-analyst@example.com", "Analyst", "psirt");
        var analyst = await app.SignInAsync("keys-analyst@example.com");

        var uploaded = await PostMultipartAsync(analyst, "/staff/partner-keys?handler=Upload", [], ("file", "partner.asc", armored));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var page = await analyst.GetStringAsync("/staff/partner-keys");
        Assert.Contains(fingerprint, page, StringComparison.Ordinal);
        Assert.Contains("psirt@partner.example", page, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var id = scope.ServiceProvider.GetRequiredService<SirtDesk.Data.SirtDb>().PartnerKeys.Single(k => k.Fingerprint == fingerprint).Id;
        var verified = await analyst.PostFormAsync("/staff/partner-keys?handler=Verify", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/staff/partner-keys");
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Contains("keys-analyst@example.com", await analyst.GetStringAsync("/staff/partner-keys"), StringComparison.Ordinal);

        var garbage = await PostMultipartAsync(analyst, "/staff/partner-keys?handler=Upload", new() { ["armored"] = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nnope" }, null);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task A_mailed_report_shows_its_channel_and_protection_and_an_unusable_one_is_listed_in_quarantine()
    {
        var raw = "From: Mail Reporter <mailer@example.org>\r\nTo: psirt@example.com\r\nSubject: Plain mail report\r\nMessage-ID: <console-1@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe admin page has an IDOR.\r\n"u8.ToArray();
        var accepted = await app.Services.GetRequiredService<MailIntake>().AcceptAsync("psirt", raw, CancellationToken.None);
        Assert.Equal(MailOutcome.Stored, accepted.Outcome);
        var tracking = accepted.TrackingNumber!;

        await app.CreateStaffAsync("mail-coordinator@example.com", "Coordinator", "psirt");
        var staff = await app.SignInAsync("mail-coordinator@example.com");
        var detail = await staff.GetStringAsync($"/staff/reports/{tracking}");
        Assert.Contains("id=\"mail-signature\" class=\"signature-none\"", detail, StringComparison.Ordinal);
        var token = await app.CreateTokenAsync("mail-coordinator@example.com");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/{tracking}");
        request.Headers.Authorization = new("Bearer", token);
        var json = await (await app.Anonymous().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("email", json.GetProperty("channel").GetString());
        Assert.Equal("none", json.GetProperty("encryption").GetString());
        Assert.Equal("none", json.GetProperty("signature").GetProperty("status").GetString());
        Assert.Equal("The admin page has an IDOR.", json.GetProperty("description").GetString());

        var broken = "From: x@example.org\r\nSubject: broken pgp\r\nContent-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=b\r\n\r\n--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--b\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\nhQEMA5xyzzy\r\n-----END PGP MESSAGE-----\r\n--b--\r\n"u8.ToArray();
        var quarantined = await app.Services.GetRequiredService<MailIntake>().AcceptAsync("psirt", broken, CancellationToken.None);
        Assert.Equal(MailOutcome.Quarantined, quarantined.Outcome);
        var list = await staff.GetStringAsync("/staff/quarantine");
        Assert.Contains("broken pgp", list, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(quarantined.Reason!), list, StringComparison.Ordinal);
    }
}
