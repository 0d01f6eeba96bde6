using InferCost.Pricing;

namespace InferCost.Core.Tests.Pricing;

public class ModelMatchKindTests
{
    private readonly PriceCatalog _catalog = TestCatalogs.Catalog();

    [Theory]
    [InlineData("gpt-5.4", "gpt-5.4", MatchKind.Exact)]
    [InlineData("GPT-5.4", "gpt-5.4", MatchKind.Exact)]
    [InlineData("openai/gpt-5.4", "gpt-5.4", MatchKind.Exact)]
    [InlineData("claude-opus-4-7", "claude-opus-4-7", MatchKind.Exact)]
    [InlineData("gpt-5.4-2026-03-05", "gpt-5.4", MatchKind.Pattern)]      // the dated-snapshot regex is a pattern, not a declared id
    [InlineData("claude-opus-4-7-20260401", "claude-opus-4-7", MatchKind.Pattern)] // only the starts-with rule
    public void Says_how_a_requested_id_matched(string requested, string model, MatchKind kind)
    {
        var resolved = _catalog.Resolve(requested);
        Assert.Equal(model, resolved.Model.Id);
        Assert.Equal(kind, resolved.Match);
        Assert.Equal(kind.IsGuess(), resolved.GuessWarning is not null);
    }

    [Fact]
    public void A_guess_names_the_model_actually_used_and_strict_resolution_refuses_it()
    {
        var guess = _catalog.Resolve("claude-opus-4-7-20260401");
        Assert.Contains("priced as anthropic/claude-opus-4-7", guess.GuessWarning, StringComparison.Ordinal);

        var ex = Assert.Throws<UnknownModelException>(() => _catalog.Resolve("claude-opus-4-7-20260401", strict: true));
        Assert.Contains("--strict-model", ex.Message, StringComparison.Ordinal);
        Assert.Equal("claude-opus-4-7", _catalog.Resolve("claude-opus-4-7", strict: true).Model.Id);
    }

    [Fact]
    public void A_starts_with_rule_does_not_price_another_variant_of_the_model()
    {
        // genai-prices' own semantics (TryResolve, used for conformance) still match by prefix …
        Assert.Equal("claude-opus-4-7", _catalog.TryResolve("claude-opus-4-7-lite")!.Model.Id);

        // … but InferCost's resolution refuses a word that names another model.
        var ex = Assert.Throws<UnknownModelException>(() => _catalog.Resolve("claude-opus-4-7-lite"));
        Assert.Contains("Unknown model 'claude-opus-4-7-lite'", ex.Message, StringComparison.Ordinal);
    }

    // Case selection: each kind of suffix after the shared prefix (separator + date/number/version/tag vs a word,
    // no separator, deployment suffixes), and ids that do not start with the model id at all.
    [Theory]
    [InlineData("gemini-3.8-flash-lite", "gemini-3.8-flash", true)]
    [InlineData("gpt-5.4-mini", "gpt-5.4", true)]
    [InlineData("gpt-5.40", "gpt-5.4", true)]
    [InlineData("claude-opus-4-7-thinking", "claude-opus-4-7", true)]
    [InlineData("gemini-3.8-flash-001", "gemini-3.8-flash", false)]
    [InlineData("gemini-3.8-flash-preview-09-2026", "gemini-3.8-flash", false)]
    [InlineData("gemini-3.8-flash-latest", "gemini-3.8-flash", false)]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5", false)]
    [InlineData("mistral-large-v2", "mistral-large", false)]
    [InlineData("anthropic.claude-3-haiku:0", "anthropic.claude-3-haiku", false)]
    [InlineData("gemini-3.8-flash", "gemini-3.8-flash", false)]
    [InlineData("us.anthropic.claude-sonnet-4-5", "claude-sonnet-4-5", false)]
    public void Tells_a_version_suffix_from_another_variant(string requested, string model, bool another)
    {
        Assert.Equal(another, PriceCatalog.NamesAnotherVariant(requested, model));
    }

    [Fact]
    public void A_declared_provider_alias_wins_over_the_match_rules()
    {
        var openai = _catalog.Providers[0];
        var aliased = new PriceCatalog([openai with { Aliases = openai.Aliases.Add("gpt-latest", "gpt-5.4") }, _catalog.Providers[1]]);
        var resolved = aliased.Resolve("gpt-latest", "openai", strict: true);
        Assert.Equal(("gpt-5.4", MatchKind.Alias), (resolved.Model.Id, resolved.Match));
    }

    [Fact]
    public void A_snapshot_is_stale_after_the_threshold_and_says_how_to_refresh()
    {
        var snapshot = new CatalogSnapshot("https://example.test/data.json", new DateOnly(2026, 11, 1), "ab", "/tmp/x.json");
        Assert.Null(snapshot.StalenessWarning(new DateOnly(2026, 12, 1)));
        Assert.Equal(
            "prices are 31 days old (snapshot of 2026-11-01, older than 30 days); run `infercost catalog update` to fetch current ones",
            snapshot.StalenessWarning(new DateOnly(2026, 12, 2)));
        Assert.Null(snapshot.StalenessWarning(new DateOnly(2026, 12, 2), maxAgeDays: 31));
    }
}
