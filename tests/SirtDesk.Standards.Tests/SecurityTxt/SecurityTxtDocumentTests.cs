using SirtDesk.Standards.SecurityTxt;

namespace SirtDesk.Standards.Tests.SecurityTxt;

public sealed class SecurityTxtDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rendered_document_is_valid_and_lists_contacts_first()
    {
        var doc = new SecurityTxtDocument(
            [new Uri("https://security.example.com/ja/report/vulnerability"), new Uri("mailto:psirt@example.com")],
            Now.AddDays(300), ["ja", "en"], [new Uri("https://security.example.com/.well-known/security.txt")],
            [new Uri("https://security.example.com/en/")], [], [], []);

        var text = doc.Render();

        Assert.StartsWith("Contact: https://security.example.com/ja/report/vulnerability\r\nContact: mailto:psirt@example.com\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Expires: 2027-09-21T00:00:00Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Preferred-Languages: ja, en\r\n", text, StringComparison.Ordinal);
        Assert.Empty(SecurityTxtDocument.Validate(text, Now));
    }

    // RFC 9116 section 2.5.3 (Contact required), 2.5.5 (Expires exactly once), 2.5.8 (Preferred-Languages once).
    [Theory]
    [InlineData("Expires: 2027-01-01T00:00:00Z\n", "Contact is required")]
    [InlineData("Contact: mailto:a@example.com\n", "Expires must appear exactly once")]
    [InlineData("Contact: mailto:a@example.com\nExpires: 2026-01-01T00:00:00Z\n", "Expires is in the past")]
    [InlineData("Contact: http://example.com/report\nExpires: 2027-01-01T00:00:00Z\n", "Contact web URI must use https: http://example.com/report")]
    [InlineData("Contact: mailto:a@example.com\nExpires: 2027-01-01T00:00:00Z\nPreferred-Languages: ja\nPreferred-Languages: en\n", "Preferred-Languages must not appear more than once")]
    public void Invalid_files_are_reported_with_the_rule_they_break(string text, string problem)
    {
        Assert.Contains(problem, SecurityTxtDocument.Validate(text, Now));
    }

    [Fact]
    public void The_example_of_rfc_9116_section_3_is_valid_before_it_expires()
    {
        // Layout of the RFC 9116 examples (comments, Contact, Encryption, Policy); Expires moved into the future.
        const string rfcExample = """
            # Our security address
            Contact: mailto:security@example.com

            # Our OpenPGP key
            Encryption: https://example.com/pgp-key.txt

            # Our security policy
            Policy: https://example.com/security-policy.html

            Expires: 2030-12-31T18:37:07Z
            """;
        Assert.Empty(SecurityTxtDocument.Validate(rfcExample, Now));
    }
}
