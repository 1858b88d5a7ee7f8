using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Cli;

public sealed class VerbTests
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "sirtdesk-verbs", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Admin_and_token_creation_work_on_an_empty_data_directory_and_the_token_is_alone_on_the_last_line()
    {
        var connection = await TestDatabase.CreateAsync();

        var admin = await SirtDeskProcess.RunAsync(dataDir, connection, "a long enough password\n", "admin", "create", "--email", "lead@example.com");
        var token = await SirtDeskProcess.RunAsync(dataDir, connection, null, "token", "create", "--user", "lead@example.com", "--name", "ci");
        var unknown = await SirtDeskProcess.RunAsync(dataDir, connection, null, "token", "create", "--user", "nobody@example.com", "--name", "ci");
        var usage = await SirtDeskProcess.RunAsync(dataDir, connection, null, "token", "create");

        Assert.Equal(0, admin.Exit);
        Assert.Equal(0, token.Exit);
        Assert.Matches("^sdk_[A-Za-z0-9_-]{40,}$", token.Out.TrimEnd().Split('\n')[^1]);
        Assert.NotEqual(0, unknown.Exit);
        Assert.Contains("nobody@example.com", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(64, usage.Exit);
        Assert.Equal(connection is null, File.Exists(Path.Combine(dataDir, "sirtdesk.db")));
    }

    [Fact]
    public async Task A_profile_exported_edited_and_imported_is_what_the_next_export_shows_and_a_broken_one_is_refused()
    {
        var connection = await TestDatabase.CreateAsync();
        var exported = await SirtDeskProcess.RunAsync(dataDir, connection, null, "profile", "export");
        Assert.Equal(0, exported.Exit);
        var edited = exported.Out.Replace("雲川ソフトウェア株式会社 CSIRT", "雲川ソフトウェア株式会社 セキュリティチーム", StringComparison.Ordinal);
        var file = Path.Combine(dataDir, "profile.json");
        await File.WriteAllTextAsync(file, edited);

        var imported = await SirtDeskProcess.RunAsync(dataDir, connection, null, "profile", "import", file);
        var again = await SirtDeskProcess.RunAsync(dataDir, connection, null, "profile", "export");
        await File.WriteAllTextAsync(file, edited.Replace("\"timeZone\": \"Asia/Tokyo\"", "\"timeZone\": \"Mars/Olympus\"", StringComparison.Ordinal));
        var broken = await SirtDeskProcess.RunAsync(dataDir, connection, null, "profile", "import", file);

        Assert.True(imported.Exit == 0, imported.Err);
        Assert.Contains("雲川ソフトウェア株式会社 セキュリティチーム", again.Out, StringComparison.Ordinal);
        Assert.Equal(65, broken.Exit);
        Assert.Contains("organization.timeZone", broken.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cvss_score_reads_vectors_from_stdin_without_a_database()
    {
        var result = await SirtDeskProcess.RunAsync(Path.Combine(dataDir, "never-created"), null, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r\nCVSS:3.1/AV:N/\n", "cvss", "score");

        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(1, result.Exit);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"baseScore\":9.8", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"error\"", lines[1], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dataDir, "never-created")));
    }

    [Fact]
    public async Task Calendar_verbs_use_the_default_calendar_on_a_new_data_directory()
    {
        var connection = await TestDatabase.CreateAsync();

        // Monday 2026-12-28 16:00 JST + 2 business hours: 1 h that day, then closed 12-29..01-03, so Monday 2027-01-04 10:00.
        var add = await SirtDeskProcess.RunAsync(dataDir, connection, null, "calendar", "add", "--start", "2026-12-28T16:00:00+09:00", "--business-hours", "2", "--team", "psirt");
        var holidays = await SirtDeskProcess.RunAsync(dataDir, connection, null, "calendar", "holidays", "--from", "2027", "--to", "2027");
        var outOfRange = await SirtDeskProcess.RunAsync(dataDir, connection, null, "calendar", "holidays", "--from", "1900", "--to", "1900");
        var usage = await SirtDeskProcess.RunAsync(dataDir, connection, null, "calendar", "add", "--start", "yesterday");

        Assert.Equal(0, add.Exit);
        Assert.Equal("2027-01-04T10:00:00+09:00", add.Out.Trim());
        Assert.StartsWith("2027-01-01\t元日\tNew Year's Day\n", holidays.Out.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(65, outOfRange.Exit);
        Assert.Equal(64, usage.Exit);
    }
}
