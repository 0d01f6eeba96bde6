namespace InferCost.Application.Rendering;

/// <summary>One table of a rendered result: a title, column names and rows of display text.</summary>
/// <param name="Title">The table's title.</param>
/// <param name="Columns">The column names.</param>
/// <param name="Rows">The rows; each has one cell per column.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// A result laid out for people: a title, tables and notes. The CSV, markdown and HTML renderers render any
/// document; <see cref="ReportDocuments"/> builds one per operation result.
/// </summary>
/// <param name="Title">What the document shows.</param>
/// <param name="Tables">The tables, the main one first.</param>
/// <param name="Notes">Sentences under the tables (caveats, sources, verdicts).</param>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportTable> Tables, IReadOnlyList<string> Notes);
