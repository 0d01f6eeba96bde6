using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary><c>/api</c>: the API reference (the OpenAPI document rendered as a table by the page script).</summary>
internal static class ApiReferencePage
{
    public static IResult Render() => Page("API reference", "/api",
        "<p>Every answer is the JSON the CLI writes with <code>--json</code>; errors are RFC 7807 problem details. " +
        "The machine-readable description is <a href=\"/openapi/v1.json\">/openapi/v1.json</a> (OpenAPI 3.1).</p>" +
        "<p>Example: <a href=\"/api/v1/quote?model=gpt-5.4&amp;input=1000000&amp;output=1000000\"><code>GET /api/v1/quote?model=gpt-5.4&amp;input=1000000&amp;output=1000000</code></a></p>" +
        "<div id=\"api-reference\" data-openapi=\"/openapi/v1.json\"><p>Loading the operations…</p></div>",
        "InferCost over HTTP under /api/v1.");
}
