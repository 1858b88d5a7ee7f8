using Org.BouncyCastle.Bcpg.OpenPgp;

namespace SirtDesk.PublicSite;

/// <summary>
/// The one rule for the key that signs what the site publishes: security.txt (clear-signed, RFC 9116 §2.3) and the
/// detached <c>.asc</c> signature of every CSAF document (CSAF 2.0 §7.1.18), whatever team the advisory belongs to.
/// It is the current key of the team named in <c>SecurityTxt:SigningTeam</c> (default <c>psirt</c>); when that team
/// has no current key, the current key of the first team, in the profile's order, that has one; none when no team
/// has a key (security.txt is then unsigned and no <c>.asc</c> is served). The key is always among the current keys
/// listed in security.txt's <c>Encryption:</c> lines and provider-metadata.json's <c>public_openpgp_keys</c>.
/// </summary>
public static class PublishingKey
{
    private const string DefaultTeam = "psirt";

    /// <summary>The team whose key is preferred: <c>SecurityTxt:SigningTeam</c>, else psirt.</summary>
    private static string PreferredTeam(IConfiguration config) =>
        config["SecurityTxt:SigningTeam"] is { Length: > 0 } named ? named : DefaultTeam;

    public static PgpSecretKeyRing? Choose(Mail.Keyring keyring, TeamProfile profile, IConfiguration config) =>
        keyring.Current(PreferredTeam(config)) ?? profile.Teams.Select(t => keyring.Current(t.Key)).FirstOrDefault(r => r is not null);
}
