using System.Text.Json.Serialization;
using InferCost.Application.Catalogs;
using InferCost.Application.Simulation;
using InferCost.Application.Validation;
using InferCost.Business;
using InferCost.Errors;
using InferCost.Simulation;

namespace InferCost.Application.Business;

/// <summary>Business economics: a model's P&amp;L and the token price that covers its costs.</summary>
/// <param name="catalogs">Where the price catalog comes from (a scenario-based serving cost).</param>
/// <param name="clock">The clock a scenario's simulation starts from; the system clock when null.</param>
public sealed class BusinessService(CatalogSource catalogs, TimeProvider? clock = null)
{
    /// <summary>Users the Monte Carlo run simulates when a scenario gives the serving cost.</summary>
    public const int ScenarioUsers = 20_000;

    /// <summary>The seed of that run.</summary>
    public const ulong ScenarioSeed = 42;

    /// <summary>The monthly P&amp;L, its break-evens and the useful-life sweep.</summary>
    /// <exception cref="RequestValidationException">A field is missing or out of range.</exception>
    /// <exception cref="InferCostException">A value Core rejects, or the scenario is missing or invalid.</exception>
    public PnlResult Pnl(PnlRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var (perMonth, basis) = ServingCost(request);
        var inputs = new ProfitAndLossInputs(request.Users, request.PaidShare, request.Arpu, perMonth, request.TrainingCost, request.UsefulLifeMonths, request.OtherCosts);
        var pnl = ProfitAndLoss.Compute(inputs);
        var sweep = UsefulLifeSweep.Run(inputs, request.SweepFrom, request.SweepTo, request.SweepStep);
        return new PnlResult(
            pnl.RevenuePerMonth, pnl.ServingCostPerMonth, basis, pnl.TrainingAmortizationPerMonth, pnl.OtherCostsPerMonth, pnl.NetPerMonth,
            pnl.GrossMarginPerMonth, pnl.BreakEvenUsefulLifeMonths, pnl.BreakEvenArpu, inputs.PayingUsers, inputs.UsefulLifeMonths, sweep)
        {
            Arpu = inputs.Arpu,
            TrainingCost = inputs.TrainingCost,
        };
    }

    /// <summary>The price per 1M tokens that covers inference, infrastructure, training recovery, future investment and margin.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    public TokenPriceDecomposition TokenPrice(TokenPriceRequest request)
    {
        Validator.ThrowIfInvalid(request);
        return TokenPriceDecomposition.Compute(
            request.InferenceCost, request.InfrastructureCost, request.TrainingCost, request.UsefulLifeMonths,
            request.TokensPerMonth, request.FutureInvestmentPerMonth, request.Margin);
    }

    /// <summary>
    /// The serving cost per month: a self-hosted fleet, or a scenario's Monte Carlo mean cost per user-month
    /// (<see cref="ScenarioUsers"/> simulated users, seed <see cref="ScenarioSeed"/>) times the users.
    /// </summary>
    private (decimal PerMonth, string Basis) ServingCost(PnlRequest request)
    {
        if (request.Scenario is { } scenarioInput)
        {
            var simulation = new SimulationService(catalogs, clock);
            var scenario = simulation.Load(scenarioInput);
            var result = MonteCarloEngine.Run(scenario, catalogs.Catalog, simulation.Options(ScenarioUsers, ScenarioSeed));
            var perUser = (decimal)result.CostPerUser.Mean;
            return (decimal.Round(perUser * request.Users, 2),
                $"scenario {scenarioInput.Name}: mean ${perUser:0.####} per user-month (Monte Carlo, 20,000 users, seed 42) x {request.Users:N0} users");
        }

        var fleet = new FleetServingCost(request.Gpus!.Value, request.GpuHourPrice!.Value);
        return (fleet.PerMonth, fleet.Basis);
    }
}

/// <summary>A model's monthly P&amp;L (<c>infercost pnl --json</c>).</summary>
public sealed record PnlResult(
    decimal RevenuePerMonth, decimal ServingCostPerMonth, string ServingCostBasis, decimal TrainingAmortizationPerMonth, decimal OtherCostsPerMonth,
    decimal NetPerMonth, decimal GrossMarginPerMonth, decimal? BreakEvenUsefulLifeMonths, decimal? BreakEvenArpu, decimal PayingUsers,
    decimal UsefulLifeMonths, IReadOnlyList<UsefulLifeRow> UsefulLifeSweep)
{
    /// <summary>Gets the ARPU the revenue assumed (not part of the JSON).</summary>
    [JsonIgnore]
    public decimal Arpu { get; init; }

    /// <summary>Gets the training cost amortized (not part of the JSON).</summary>
    [JsonIgnore]
    public decimal TrainingCost { get; init; }
}
