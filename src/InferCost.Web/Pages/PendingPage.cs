using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary>A page whose operations wait for the application layer's services (issue 10, part 1).</summary>
internal static class PendingPage
{
    public static IResult Render(string title, string path, string what) => Page(title, path,
        $"<p>This page will show {E(what)}. Its operations reach the web app once the application layer's services land; " +
        "until then the CLI answers them (see <a href=\"/api\">the API reference</a> for what is served today).</p>");
}
