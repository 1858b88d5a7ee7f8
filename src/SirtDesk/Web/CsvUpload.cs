using Microsoft.Extensions.Localization;

namespace SirtDesk.Web;

/// <summary>The CSV of an import form (directory, inventory): a chosen file, else the pasted text.</summary>
public static class CsvUpload
{
    public const long MaxBytes = 4 * UploadSize.MiB;

    /// <summary>The text to import, or a localized reason there is none (a file over <see cref="MaxBytes"/>, or nothing given).</summary>
    public static async Task<CsvInput> ReadAsync(IFormFile? file, string? text, IStringLocalizer l, CancellationToken ct)
    {
        // A file that is too large must not fall back to the pasted text (or to "empty"): the user chose that file.
        if (UploadSize.TooLarge(file?.Length, MaxBytes, l, "Csv_TooLarge") is { } tooLarge)
        {
            return new CsvInput(null, tooLarge);
        }
        var content = text;
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            content = await reader.ReadToEndAsync(ct);
        }
        return string.IsNullOrWhiteSpace(content) ? new CsvInput(null, l["Coord_CsvEmpty"]) : new CsvInput(content, null);
    }
}

public sealed record CsvInput(string? Content, string? Error);
