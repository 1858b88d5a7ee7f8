using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;

namespace SirtDesk.Intake;

/// <summary>
/// The one seam for full-text search over title, description and product. SQLite: FTS5 with the trigram
/// tokenizer for terms of three or more characters (LIKE for reports the indexer has not reached yet), LIKE
/// for shorter ones (a trigram index cannot match 報告 or 脆弱). PostgreSQL: ILIKE, served by pg_trgm GIN
/// indexes. Every term must match (AND).
/// </summary>
public static class ReportSearch
{
    public static IQueryable<Report> Matching(this IQueryable<Report> reports, SirtDb db, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return reports;
        }
        var terms = query.Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8);
        foreach (var term in terms)
        {
            var like = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            if (db.IsSqlite)
            {
                if (term.Length >= 3)
                {
                    // Indexed reports through FTS; the few committed since the indexer last ran through LIKE.
                    var phrase = "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                    var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"ReportsFts\" WHERE \"ReportsFts\" MATCH {phrase}");
                    var indexedUpTo = db.Counters.Where(c => c.Key == SearchIndexer.CounterKey).Select(c => c.Value);
                    reports = reports.Where(r => ids.Contains(r.Id)
                        || (r.Id > indexedUpTo.FirstOrDefault() && (EF.Functions.Like(r.Title, like, "\\") || EF.Functions.Like(r.Description, like, "\\") || (r.Product != null && EF.Functions.Like(r.Product, like, "\\")))));
                }
                else
                {
                    reports = reports.Where(r => EF.Functions.Like(r.Title, like, "\\") || EF.Functions.Like(r.Description, like, "\\") || (r.Product != null && EF.Functions.Like(r.Product, like, "\\")));
                }
            }
            else
            {
                reports = reports.Where(r => EF.Functions.ILike(r.Title, like, "\\") || EF.Functions.ILike(r.Description, like, "\\") || (r.Product != null && EF.Functions.ILike(r.Product, like, "\\")));
            }
        }
        return reports;
    }
}
