using System.Net;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>The partner-key upload form's size limit (1 MiB): refused as too large, naming the limit, in the page's language.</summary>
public sealed class PartnerKeyUploadTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private static async Task<string> UploadAsync(HttpClient client, byte[]? file, string armored)
    {
        var page = await client.GetStringAsync("/staff/partner-keys");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(HttpClientForms.Token(page)), "__RequestVerificationToken" },
            { new StringContent(armored), "armored" },
        };
        if (file is not null)
        {
            content.Add(new ByteArrayContent(file), "file", "partner.asc");
        }
        var response = await client.PostAsync("/staff/partner-keys?handler=Upload", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_partner_key_file_or_text_over_1_MiB_is_refused_as_too_large_in_both_languages_and_nothing_is_imported()
    {
        using var gpg = new GnuPg();
        var fingerprint = await gpg.GenerateKeyAsync("Big Partner <big@partner.example>");
        var armored = await gpg.ExportAsync(fingerprint);
        // The real key followed by blank lines up to one byte over the limit: only its size is wrong.
        var padded = armored + new string('\n', (int)PartnerKeysPageModel.MaxKeyBytes + 1 - armored.Length);
        var file = System.Text.Encoding.ASCII.GetBytes(padded);
        await app.CreateStaffAsync("partner-key-big@example.com", "Analyst", "psirt");
        var analyst = await app.SignInAsync("partner-key-big@example.com");

        // A file too large is refused even with a valid key pasted beside it: the user chose that file.
        var japanese = await UploadAsync(analyst, file, armored);
        Assert.Contains("ファイルが大きすぎます（上限 1 MiB）。何も取り込んでいません。", japanese, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenPGP 公開鍵ではありません", japanese, StringComparison.Ordinal);
        Assert.Contains("貼り付けたテキストが大きすぎます（上限 1 MiB）。何も取り込んでいません。", await UploadAsync(analyst, null, padded), StringComparison.Ordinal);

        analyst.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Contains("The file is too large (limit 1 MiB). Nothing was imported.", await UploadAsync(analyst, file, ""), StringComparison.Ordinal);
        Assert.Contains("The pasted text is too large (limit 1 MiB). Nothing was imported.", await UploadAsync(analyst, null, padded), StringComparison.Ordinal);

        Assert.False(await app.WithDbAsync(db => db.PartnerKeys.AnyAsync(k => k.Fingerprint == fingerprint || k.Email == "big@partner.example")));
    }
}
