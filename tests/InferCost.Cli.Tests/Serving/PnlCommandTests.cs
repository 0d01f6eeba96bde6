namespace InferCost.Cli.Tests.Serving;

public class PnlCommandTests
{
    private static readonly string[] Seed002 =
        ["pnl", "--users", "10000000", "--paid-share", "0.8", "--arpu", "25", "--gpus", "16000", "--gpu-hour-price", "10.60", "--training-cost", "2000000000"];

    [Fact]
    public void Seed_002_over_12_months()
    {
        var json = CliRunner.Json([.. Seed002, "--useful-life-months", "12"]);
        Assert.Equal(200_000_000m, json.GetProperty("revenue_per_month").GetDecimal());
        Assert.Equal(122_112_000m, json.GetProperty("serving_cost_per_month").GetDecimal());
        Assert.Equal(166_666_666.67m, json.GetProperty("training_amortization_per_month").GetDecimal());
        Assert.Equal(-88_778_666.67m, json.GetProperty("net_per_month").GetDecimal());
        Assert.Equal(25.68m, json.GetProperty("break_even_useful_life_months").GetDecimal());
    }

    [Fact]
    public void Seed_002_over_36_months()
    {
        var json = CliRunner.Json([.. Seed002, "--useful-life-months", "36"]);
        Assert.Equal(22_332_444.44m, json.GetProperty("net_per_month").GetDecimal());
    }

    [Fact]
    public void The_sweep_shows_the_break_even_life()
    {
        var (exit, output, _) = CliRunner.Run([.. Seed002, "--useful-life-months", "12"]);
        Assert.Equal(0, exit);
        Assert.Contains("break-even useful life: 25.7 months", output, StringComparison.Ordinal);
        Assert.Contains("30 months", output, StringComparison.Ordinal);
        Assert.Contains("<- break-even", output, StringComparison.Ordinal);
        var json = CliRunner.Json([.. Seed002, "--useful-life-months", "12"]);
        Assert.Equal(8, json.GetProperty("useful_life_sweep").GetArrayLength());
    }

    [Fact]
    public void Scenario_serving_cost_comes_from_the_monte_carlo_mean()
    {
        var scenario = Path.Combine(Testing.RepoPaths.Root, "examples", "chat-assistant.yaml");
        var json = CliRunner.Json(
            "pnl", "--users", "1000000", "--paid-share", "0.3", "--arpu", "20", "--scenario", scenario, "--training-cost", "0", "--useful-life-months", "12", "--json");
        var simulated = CliRunner.Json("simulate", scenario, "--users", "20000", "--seed", "42", "--json");
        var mean = simulated.GetProperty("cost_per_user").GetProperty("mean").GetDecimal();
        Assert.InRange(json.GetProperty("serving_cost_per_month").GetDecimal(), (mean * 1_000_000m) - 0.05m, (mean * 1_000_000m) + 0.05m);
        Assert.Equal(6_000_000m, json.GetProperty("revenue_per_month").GetDecimal());
        var (exit, _, error) = CliRunner.Run(
            "pnl", "--users", "1", "--paid-share", "1", "--arpu", "1", "--scenario", "missing.yaml", "--training-cost", "1", "--useful-life-months", "1");
        Assert.Equal(ExitCodes.UserError, exit);
        Assert.Contains("missing.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_price_decomposes_and_places_the_price_in_a_tier()
    {
        var json = CliRunner.Json(
            "token-price", "--inference-cost", "0.5", "--infrastructure-cost", "0.1", "--training-cost", "1200000000", "--useful-life-months", "12",
            "--tokens-per-month", "100000000000000", "--future-investment-per-month", "100000000", "--margin", "0.2");
        Assert.Equal(3.25m, json.GetProperty("price_per_million").GetDecimal());
        Assert.Equal("premium", json.GetProperty("market_tier").GetString());
    }
}
