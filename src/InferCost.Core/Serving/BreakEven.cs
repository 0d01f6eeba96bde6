namespace InferCost.Serving;

/// <summary>
/// The monthly volume at which one self-hosted replica (a fixed cost) costs the same as paying an API per token.
/// </summary>
/// <param name="Api">The API price compared with.</param>
/// <param name="SelfHosted">The self-hosted replica at its best operating point.</param>
/// <param name="SelfHostedCostPerMonth">USD per 30-day month for the replica, running all month.</param>
/// <param name="ApiCostPerRequest">USD per request on the API.</param>
/// <param name="SelfHostedCostPerRequestAtCapacity">USD per request on the replica running full.</param>
/// <param name="CapacityRequestsPerMonth">Requests a month the replica serves running full.</param>
/// <param name="BreakEvenRequestsPerMonth">Requests a month where costs are equal (may exceed capacity).</param>
public sealed record BreakEven(
    ApiPrice Api,
    ServingCostEstimate SelfHosted,
    decimal SelfHostedCostPerMonth,
    decimal ApiCostPerRequest,
    decimal SelfHostedCostPerRequestAtCapacity,
    decimal CapacityRequestsPerMonth,
    decimal BreakEvenRequestsPerMonth)
{
    /// <summary>Gets the input tokens a month at break-even.</summary>
    public decimal BreakEvenInputTokensPerMonth => BreakEvenRequestsPerMonth * SelfHosted.Workload.InputTokens;

    /// <summary>Gets the output tokens a month at break-even.</summary>
    public decimal BreakEvenOutputTokensPerMonth => BreakEvenRequestsPerMonth * SelfHosted.Workload.OutputTokens;

    /// <summary>Gets the replica's utilisation at break-even (above 1: self-hosting never pays on this replica).</summary>
    public decimal UtilizationAtBreakEven => CapacityRequestsPerMonth == 0 ? 0 : BreakEvenRequestsPerMonth / CapacityRequestsPerMonth;

    /// <summary>Gets whether self-hosting beats the API at some volume the replica can serve.</summary>
    public bool SelfHostingCanPay => SelfHostedCostPerRequestAtCapacity < ApiCostPerRequest;

    /// <summary>Compares one replica at its operating point with the API's per-token price.</summary>
    public static BreakEven Compute(ServingCostEstimate selfHosted, ApiPrice api)
    {
        ArgumentNullException.ThrowIfNull(selfHosted);
        ArgumentNullException.ThrowIfNull(api);
        var perMonth = selfHosted.CostPerHour * CapacityPlan.HoursPerDay * CapacityPlan.DaysPerMonth;
        var apiPerRequest = api.CostPerRequest(selfHosted.Workload.InputTokens, selfHosted.Workload.OutputTokens);
        var requestsPerSecond = (decimal)(selfHosted.Point.OutputTokensPerSecond / selfHosted.Workload.OutputTokens);
        var capacity = Math.Round(requestsPerSecond * 3600m * CapacityPlan.HoursPerDay * CapacityPlan.DaysPerMonth, 0);
        var selfPerRequest = capacity == 0 ? decimal.MaxValue : perMonth / capacity;
        return new BreakEven(api, selfHosted, perMonth, apiPerRequest, selfPerRequest, capacity, Math.Ceiling(perMonth / apiPerRequest));
    }
}
