using InferCost.Errors;
using InferCost.Serving;

namespace InferCost.Business;

/// <summary>A self-hosted fleet's serving cost: GPUs × USD per GPU-hour × 24 h × 30-day months.</summary>
public sealed record FleetServingCost
{
    /// <summary>Initializes a new instance of the <see cref="FleetServingCost"/> class.</summary>
    /// <exception cref="InferCostException">Negative GPUs or price.</exception>
    public FleetServingCost(long gpus, decimal gpuHourPrice)
    {
        if (gpus < 0 || gpuHourPrice < 0)
        {
            throw new InferCostException($"--gpus and --gpu-hour-price must not be negative (got {gpus} and {gpuHourPrice})");
        }

        Gpus = gpus;
        GpuHourPrice = gpuHourPrice;
    }

    /// <summary>Gets the GPUs in the fleet.</summary>
    public long Gpus { get; }

    /// <summary>Gets USD per GPU-hour.</summary>
    public decimal GpuHourPrice { get; }

    /// <summary>Gets USD per day: GPUs × price × 24.</summary>
    public decimal PerDay => Gpus * GpuHourPrice * CapacityPlan.HoursPerDay;

    /// <summary>Gets USD per 30-day month.</summary>
    public decimal PerMonth => PerDay * CapacityPlan.DaysPerMonth;

    /// <summary>Gets how the monthly figure is computed, for people reading a report.</summary>
    public string Basis => $"{Gpus:N0} GPUs x ${GpuHourPrice}/GPU-hour x 24 h x 30 days";
}
