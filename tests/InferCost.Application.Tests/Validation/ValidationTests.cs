using InferCost.Application.Business;
using InferCost.Application.Pricing;
using InferCost.Application.Serving;
using InferCost.Application.Simulation;
using InferCost.Application.Tests.Fixtures;
using InferCost.Application.Validation;

namespace InferCost.Application.Tests.Validation;

public class ValidationTests
{
    [Fact]
    public void A_quote_without_a_model_names_the_model_field()
    {
        var errors = new TokenQuoteRequest { Volume = new TokenVolume { Input = 1, Output = 1 } }.Validate();
        var error = Assert.Single(errors);
        Assert.Equal("model", error.Field);
        Assert.Equal("--model is required", error.Message);
    }

    [Fact]
    public void Negative_token_counts_are_each_reported()
    {
        var errors = new TokenQuoteRequest { Model = "gpt-5.4", Volume = new TokenVolume { Input = -1, Output = -2, Requests = 0 } }.Validate();
        Assert.Equal(["input", "output", "requests"], errors.Select(e => e.Field));
    }

    [Fact]
    public void The_service_refuses_an_invalid_request_with_every_field_error()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Operations.Pricing.Quote(new TokenQuoteRequest { Volume = new TokenVolume { Input = -5 } }));
        Assert.Equal(["input", "model"], ex.ByField().Keys.Order(StringComparer.Ordinal));
        Assert.Contains("--model is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_needs_models_a_tier_or_a_provider()
    {
        var error = Assert.Single(new CompareRequest().Validate());
        Assert.Equal("models", error.Field);
    }

    [Fact]
    public void Pnl_needs_a_fleet_or_a_scenario_but_not_both()
    {
        Assert.Contains(new PnlRequest { Users = 1, PaidShare = 0.5m }.Validate(), e => e.Message.Contains("--gpus and --gpu-hour-price", StringComparison.Ordinal));
        var both = new PnlRequest { Users = 1, Gpus = 1, GpuHourPrice = 1, Scenario = ScenarioInput.FromYaml("name: x") }.Validate();
        Assert.Contains(both, e => e.Field == "scenario");
        Assert.Empty(Operations.PnlRequest.Validate());
    }

    [Fact]
    public void A_paid_share_above_one_is_out_of_range()
    {
        var errors = (Operations.PnlRequest with { PaidShare = 80m }).Validate();
        Assert.Equal("paid_share", Assert.Single(errors).Field);
    }

    [Fact]
    public void Capacity_refuses_a_peak_factor_with_a_load_curve()
    {
        var errors = (Operations.CapacityRequest with { PeakFactor = 2m }).Validate();
        Assert.Equal("peak_factor", Assert.Single(errors).Field);
    }

    [Fact]
    public void Perf_lists_each_missing_field()
    {
        var errors = new PerfRequest { Phase = "train" }.Validate();
        Assert.Equal(["model", "gpu", "phase", "batch", "context"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Serve_cost_rejects_a_zero_prompt_length()
    {
        var errors = (Operations.ServeCostRequest with { Workload = new WorkloadShape { Isl = 0 } }).Validate();
        Assert.Equal("isl", Assert.Single(errors).Field);
    }

    [Fact]
    public void Sensitivity_change_must_be_between_zero_and_one()
    {
        Assert.Equal("change", Assert.Single((Operations.SensitivityRequest with { Change = 1.5 }).Validate()).Field);
        Assert.Empty(Operations.SensitivityRequest.Validate());
    }

    [Fact]
    public void An_inline_scenario_with_a_problem_names_it_and_the_field()
    {
        var request = new SimulateRequest { Scenario = ScenarioInput.FromYaml("name: broken\nusers: -3\n", "web.yaml"), Users = 100 };
        var ex = Assert.ThrowsAny<InferCost.Errors.InferCostException>(() => Operations.Simulation.Simulate(request));
        Assert.Contains("web.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_price_margin_of_one_is_refused()
    {
        Assert.Equal("margin", Assert.Single((Operations.TokenPriceRequest with { Margin = 1m }).Validate()).Field);
    }
}
