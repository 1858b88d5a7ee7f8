using SirtDesk.PublicSite;

namespace SirtDesk.Mail;

/// <summary>
/// Where the world finds the team keys: <c>/pgp/{fingerprint}.asc</c>, the Web Key Directory (direct and advanced
/// layouts, draft-koch-openpgp-webkey-service) and, through <see cref="SignedSecurityTxt"/>, security.txt.
/// </summary>
public static class KeyPublication
{
    public static void MapKeyPublication(this WebApplication app)
    {
        app.MapGet("/pgp/{file}", async (string file, TeamKeys keys, CancellationToken ct) =>
        {
            var fingerprint = file.EndsWith(".asc", StringComparison.OrdinalIgnoreCase) ? file[..^4].ToUpperInvariant() : null;
            var key = fingerprint is null ? null : (await keys.PublishedAsync(ct)).FirstOrDefault(k => k.Fingerprint == fingerprint);
            return key is null ? Results.NotFound() : Results.Text(key.PublicArmored, "application/pgp-keys; charset=us-ascii");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/.well-known/openpgpkey/hu/{hash}", (string hash, TeamKeys keys, ProfileStore profiles, CancellationToken ct) => WkdAsync(hash, null, keys, profiles, ct))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/.well-known/openpgpkey/{domain}/hu/{hash}", (string domain, string hash, TeamKeys keys, ProfileStore profiles, CancellationToken ct) => WkdAsync(hash, domain, keys, profiles, ct))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/.well-known/openpgpkey/policy", () => Results.Text("", "text/plain")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/.well-known/openpgpkey/{domain}/policy", (string domain) => Results.Text("", "text/plain")).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The binary (not armoured) keys of the team addresses whose local part hashes to <paramref name="hash"/>.</summary>
    private static async Task<IResult> WkdAsync(string hash, string? domain, TeamKeys keys, ProfileStore profiles, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        var teams = profile.Teams.Where(t =>
        {
            var at = t.Email.LastIndexOf('@');
            return at > 0 && OpenPgp.WkdHash(t.Email[..at]) == hash
                && (domain is null || t.Email[(at + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase));
        }).Select(t => t.Key).ToHashSet();
        var published = (await keys.PublishedAsync(ct)).Where(k => teams.Contains(k.Team)).ToList();
        if (published.Count == 0)
        {
            return Results.NotFound();
        }
        using var buffer = new MemoryStream();
        foreach (var k in published)
        {
            foreach (var ring in OpenPgp.ReadPublic(System.Text.Encoding.ASCII.GetBytes(k.PublicArmored)))
            {
                ring.Encode(buffer);
            }
        }
        return Results.Bytes(buffer.ToArray(), "application/octet-stream");
    }
}
