namespace InferCost.Web.Pages;

/// <summary>
/// The scenario page's save-and-share panel: save the editor's YAML under a name, list and load saved scenarios
/// (<c>/scenario?saved=ID</c>), and make a short link to the page (<c>/s/{code}</c>). Driven by assets/store.js
/// over the store's API.
/// </summary>
internal static class ScenarioStorePanel
{
    public const string Html =
        "<section class=\"store-panel\" aria-labelledby=\"store-heading\"><h2 id=\"store-heading\">Save and share</h2>" +
        "<div style=\"display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-end;margin:.5rem 0\"><div class=\"field\"><label for=\"save-name\">Name to save the editor's scenario under</label>" +
        "<input id=\"save-name\" type=\"text\" maxlength=\"200\" autocomplete=\"off\"></div>" +
        "<div class=\"actions\"><button type=\"button\" id=\"save-scenario\">Save</button></div>" +
        "<div class=\"actions\"><button type=\"button\" id=\"share-link\">Share link</button></div>" +
        "<div class=\"field wide\"><label for=\"share-url\">Short link to this page</label><input id=\"share-url\" type=\"text\" readonly placeholder=\"press Share link\"></div></div>" +
        "<p id=\"store-status\" role=\"status\" aria-live=\"polite\" style=\"white-space:pre-line\"></p>" +
        "<h3 id=\"saved-heading\">Saved scenarios</h3><ul id=\"saved-scenarios\" aria-labelledby=\"saved-heading\"></ul>" +
        "</section><script src=\"/assets/store.js\" defer></script>";
}
