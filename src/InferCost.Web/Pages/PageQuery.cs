using System.Globalization;
using InferCost.Errors;
using Microsoft.AspNetCore.Http;

namespace InferCost.Web.Pages;

/// <summary>Reads a page's inputs from its address (the permalink), with defaults and clear errors.</summary>
internal sealed class PageQuery(HttpRequest request)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string? Str(string name) => request.Query[name].FirstOrDefault() is { Length: > 0 } s ? s.Trim() : null;

    public string Str(string name, string fallback) => Str(name) ?? fallback;

    public string[] All(string name) => [.. request.Query[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];

    public decimal Dec(string name, decimal fallback) => Str(name) is { } s
        ? decimal.TryParse(s, NumberStyles.Float, Inv, out var d) ? d : throw new InferCostException($"{name}: expected a number (got '{s}')")
        : fallback;

    public decimal? Dec(string name) => Str(name) is null ? null : Dec(name, 0m);

    public long Long(string name, long fallback) => Str(name) is { } s
        ? long.TryParse(s, NumberStyles.Integer, Inv, out var v) ? v : throw new InferCostException($"{name}: expected a whole number (got '{s}')")
        : fallback;

    public long? Long(string name) => Str(name) is null ? null : Long(name, 0);

    public bool Bool(string name) => Str(name) is { } s && (s == "true" || s == "on" || s == "1");
}
