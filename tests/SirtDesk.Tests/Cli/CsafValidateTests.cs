namespace SirtDesk.Tests.Cli;

public sealed class CsafValidateTests
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "sirtdesk-csaf", Guid.NewGuid().ToString("N"));

    // A minimal csaf_base document (CSAF 2.0 section 4.1: document with category, csaf_version, publisher, title, tracking).
    private const string Valid = """
        {"document": {"category": "csaf_base", "csaf_version": "2.0",
          "publisher": {"category": "vendor", "name": "Kumokawa Software PSIRT", "namespace": "https://psirt.example.com"},
          "title": "Minimal document",
          "tracking": {"current_release_date": "2026-03-02T09:00:00.000Z", "id": "SDA-2026-0001",
            "initial_release_date": "2026-03-02T09:00:00.000Z",
            "revision_history": [{"date": "2026-03-02T09:00:00.000Z", "number": "1", "summary": "Initial version."}],
            "status": "final", "version": "1"}}}
        """;

    [Fact]
    public async Task Csaf_validate_prints_one_tab_separated_line_per_failure_and_exits_by_the_result_without_a_database()
    {
        Directory.CreateDirectory(dir);
        var valid = Path.Combine(dir, "a.json");
        var wrongVersion = Path.Combine(dir, "b.json");
        var notJson = Path.Combine(dir, "c.json");
        await File.WriteAllTextAsync(valid, Valid);
        await File.WriteAllTextAsync(wrongVersion, Valid.Replace("\"version\": \"1\"", "\"version\": \"2\"", StringComparison.Ordinal));
        await File.WriteAllTextAsync(notJson, "{\"document\": ");
        var dataDir = Path.Combine(dir, "never-created");

        var good = await SirtDeskProcess.RunAsync(dataDir, null, null, "csaf", "validate", valid);
        var bad = await SirtDeskProcess.RunAsync(dataDir, null, null, "csaf", "validate", valid, wrongVersion, notJson);
        var usage = await SirtDeskProcess.RunAsync(dataDir, null, null, "csaf", "validate");

        Assert.True(good.Exit == 0, good.Out + good.Err);
        Assert.Equal("", good.Out);
        Assert.Equal(1, bad.Exit);
        var lines = bad.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal($"{wrongVersion}\t6.1.16\t/document/tracking/version\tversion does not match the latest revision", lines[0]);
        Assert.StartsWith($"{notJson}\tschema\t\t", lines[1], StringComparison.Ordinal);
        Assert.Equal(64, usage.Exit);
        Assert.Contains("csaf validate FILE", usage.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dataDir));
    }
}
