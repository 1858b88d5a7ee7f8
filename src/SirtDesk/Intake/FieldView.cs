namespace SirtDesk.Intake;

/// <summary>One form field as the _Field partial draws it.</summary>
public sealed record FieldView(string Name, string Label, string Value, string? Error, bool Required = false, bool Multiline = false, string Type = "text", string? Hint = null)
{
    public string Id => "f-" + Name.Replace('.', '-');

    public static FieldView For(ReportFormModel page, string name, string label, bool required = false, bool multiline = false, string type = "text", string? hint = null) =>
        new(name, label, page.Value(name), page.Error(name), required, multiline, type, hint);
}
