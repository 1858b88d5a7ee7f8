using System.Text;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;

namespace SirtDesk.Coordination;

/// <summary>One problem of an import: the line (1 is the header) and the resource key of the message.</summary>
public sealed record CsvProblem(int Line, string Field, string Error);

public sealed record CsvImportResult(int Organizations, int Contacts, IReadOnlyList<CsvProblem> Problems);

/// <summary>
/// The directory as CSV (UTF-8 with BOM so that Excel opens Japanese names correctly), one line per contact; an
/// organisation without contacts has a line with an empty email. The last column is the contact's armoured public
/// key (a quoted multi-line field), empty when none is held; files without that column (the first format) still
/// import. An import is all or nothing: any bad line refuses the whole file.
/// </summary>
public sealed class DirectoryCsv(SirtDb db, Mail.TeamKeys keys)
{
    public static readonly string[] Header = ["organization", "kind", "unit", "name", "email", "language", "time_zone", "pgp_key"];

    public async Task<byte[]> ExportAsync(CancellationToken ct)
    {
        var orgs = await db.Set<Organization>().AsNoTracking().Include(o => o.Contacts).OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);
        var fingerprints = orgs.SelectMany(o => o.Contacts).Select(c => c.PgpFingerprint).OfType<string>().Distinct().ToList();
        var armored = await db.PartnerKeys.AsNoTracking().Where(k => fingerprints.Contains(k.Fingerprint)).ToDictionaryAsync(k => k.Fingerprint, k => k.PublicArmored, ct);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var o in orgs)
        {
            if (o.Contacts.Count == 0)
            {
                Line(sb, [o.Name, o.Kind, o.Unit ?? "", "", "", "", "", ""]);
            }
            foreach (var c in o.Contacts.OrderBy(c => c.Id))
            {
                Line(sb, [o.Name, o.Kind, o.Unit ?? "", c.Name ?? "", c.Email, c.Language, c.TimeZone,
                    c.PgpFingerprint is { } f && armored.TryGetValue(f, out var key) ? key : ""]);
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static void Line(StringBuilder sb, string[] fields)
    {
        sb.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
    }

    // A leading = + - @ would be a formula in a spreadsheet: such fields are quoted with a leading apostrophe.
    internal static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@')
        {
            field = "'" + field;
        }
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || field.StartsWith('\'') ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    internal static string Unquote(string field) => field.StartsWith('\'') && field.Length > 1 && field[1] is '=' or '+' or '-' or '@' ? field[1..] : field;

    public async Task<CsvImportResult> ImportAsync(string text, CancellationToken ct)
    {
        var rows = Parse(text.TrimStart('\uFEFF'));
        var problems = new List<CsvProblem>();
        var header = rows.Count == 0 ? [] : rows[0].Fields.Select(f => f.Trim()).ToList();
        if (!header.SequenceEqual(Header) && !header.SequenceEqual(Header[..^1]))
        {
            return new CsvImportResult(0, 0, [new CsvProblem(1, "header", "Coord_CsvHeader")]);
        }
        var columns = header.Count;
        var valid = new List<(NewOrganization Org, NewContact? Contact, byte[]? Key, string? Fingerprint)>();
        foreach (var (line, raw) in rows.Skip(1))
        {
            if (raw.Count == 1 && raw[0].Length == 0)
            {
                continue; // blank line
            }
            if (raw.Count != columns)
            {
                problems.Add(new CsvProblem(line, "columns", "Coord_CsvColumns"));
                continue;
            }
            var f = raw.Select(x => Unquote(x.Trim())).Concat([""]).ToArray(); // the key column may be absent
            var org = new NewOrganization(f[0], f[1], f[2].Length == 0 ? null : f[2]);
            foreach (var (field, error) in CoordinationOperations.Validate(org))
            {
                problems.Add(new CsvProblem(line, field, error));
            }
            NewContact? contact = null;
            (string? Fingerprint, byte[]? Data, string? Error) key = (null, null, null);
            if (f[4].Length > 0 || f[3].Length > 0)
            {
                contact = new NewContact(f[3], f[4], f[5].Length == 0 ? null : f[5], f[6].Length == 0 ? null : f[6], f[7].Length == 0 ? null : f[7]);
                var contactProblems = CoordinationOperations.Validate(contact).ToList();
                foreach (var (field, error) in contactProblems)
                {
                    problems.Add(new CsvProblem(line, field, error));
                }
                if (contactProblems.Count == 0 && (key = CoordinationOperations.ContactKey(contact.PgpKey, contact.Email!.Trim())).Error is { } keyError)
                {
                    problems.Add(new CsvProblem(line, "pgp_key", keyError));
                }
            }
            else if (f[7].Length > 0)
            {
                problems.Add(new CsvProblem(line, "pgp_key", "Coord_KeyOtherAddress"));
            }
            valid.Add((org, contact, key.Data, key.Fingerprint));
        }
        if (problems.Count > 0)
        {
            return new CsvImportResult(0, 0, problems);
        }
        var newOrgs = 0;
        var newContacts = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var known = await db.Set<Organization>().Include(o => o.Contacts).ToListAsync(ct);
        foreach (var (o, c, keyData, fingerprint) in valid)
        {
            var name = o.Name!.Trim();
            var org = known.FirstOrDefault(k => k.Name == name && k.Kind == o.Kind);
            if (org is null)
            {
                org = new Organization { Name = name, Kind = o.Kind!, Unit = o.Kind == "internal" ? o.Unit : null };
                db.Add(org);
                known.Add(org);
                newOrgs++;
            }
            var existing = c is null ? null : org.Contacts.FirstOrDefault(x => string.Equals(x.Email, c.Email!.Trim(), StringComparison.OrdinalIgnoreCase));
            if (c is not null && existing is null)
            {
                org.Contacts.Add(new Contact
                {
                    Name = string.IsNullOrWhiteSpace(c.Name) ? null : c.Name.Trim(),
                    Email = c.Email!.Trim(),
                    Language = c.Language is "en" ? "en" : "ja",
                    TimeZone = string.IsNullOrEmpty(c.TimeZone) ? "Asia/Tokyo" : c.TimeZone,
                    PgpFingerprint = fingerprint,
                });
                newContacts++;
            }
            else if (existing is not null && fingerprint is not null)
            {
                existing.PgpFingerprint = fingerprint; // a key in the file replaces the contact's key
            }
            if (keyData is not null)
            {
                await keys.ImportPartnerAsync(keyData, "directory", ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CsvImportResult(newOrgs, newContacts, []);
    }

    /// <summary>RFC 4180 records with the line each starts on (quoted fields may span lines).</summary>
    public static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((start, fields));
                    fields = [];
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }
        return records;
    }
}
