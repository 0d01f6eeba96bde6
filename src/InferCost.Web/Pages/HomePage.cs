using InferCost.Web.Adapters;
using Microsoft.AspNetCore.Http;
using static InferCost.Web.Pages.Html;

namespace InferCost.Web.Pages;

/// <summary><c>/</c>: what InferCost answers and where each answer lives.</summary>
internal static class HomePage
{
    public static IResult Render(PricingOperations ops)
    {
        var info = BusinessOperations.CatalogInfo(ops.Catalog);
        var links = new (string Path, string Title, string What)[]
        {
            ("/catalog", "Catalog", "Search models, see a model's prices, tiers, sources and dated history."),
            ("/compare?models=gpt-5.4,claude-opus-4-7,gemini-3.1-pro-preview,gpt-5.4-mini&input=2000000&output=400000&requests=100", "Quote & compare", "Price a volume on one model or rank several, with × cheapest."),
            ("/scenario?example=chat-assistant&users=10000", "Scenario", "Monte Carlo cost and margin per user and plan; sensitivity, price-plan, diff."),
            ("/serving", "Self-hosting", "GPUs, throughput and cost against an API model."),
            ("/pnl?users=10000000&paid_share=0.8&arpu=25&gpus=16000&gpu_hour_price=10.6&training_cost=2000000000&useful_life_months=12", "P&L", "Can a lab recoup its training run? Sweep the useful life."),
            ("/usage", "Usage", "What last month cost per user, feature and model."),
        };
        var cards = string.Concat(links.Select(l => $"<li class=\"card\"><a href=\"{E(l.Path)}\"><span class=\"card-value\">{E(l.Title)}</span></a><p>{E(l.What)}</p></li>"));
        return Page("InferCost", "/", $"<ul class=\"cards links\">{cards}</ul><p>Catalog: <strong>{info.Providers}</strong> providers, <strong>{info.Models:N0}</strong> models, {info.OverlayValues} sourced overlay values.</p>",
            "What will inference cost us, and will our prices hold?");
    }
}
