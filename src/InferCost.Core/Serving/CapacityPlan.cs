using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>How many replicas and GPUs serve a number of concurrent users, and what they cost.</summary>
/// <param name="UsersPerReplica">Concurrent users one replica serves at the per-user speed (rounded down).</param>
/// <param name="Replicas">Replicas needed for the peak.</param>
/// <param name="Gpus">GPUs in all replicas.</param>
/// <param name="CostPerHour">USD per hour for the fleet.</param>
/// <param name="CostPerDay">USD per day (24 hours).</param>
/// <param name="CostPerMonth">USD per month (30 days).</param>
/// <param name="PeakConcurrentUsers">Concurrent users at the peak the fleet is sized for.</param>
public sealed record CapacityPlan(
    int UsersPerReplica,
    long Replicas,
    long Gpus,
    decimal CostPerHour,
    decimal CostPerDay,
    decimal CostPerMonth,
    decimal PeakConcurrentUsers)
{
    /// <summary>Hours in a day.</summary>
    public const int HoursPerDay = 24;

    /// <summary>Days in the month every monthly figure uses.</summary>
    public const int DaysPerMonth = 30;

    /// <summary>
    /// Sizes a fleet: users per replica = ⌊replica throughput / per-user speed⌋; replicas = ⌈peak users /
    /// (users per replica · utilisation target)⌉; cost = GPUs · price · 24 h, and · 30 days a month.
    /// </summary>
    /// <param name="replicaOutputTokensPerSecond">Output tokens per second one replica delivers at the per-user speed.</param>
    /// <param name="tokensPerUserPerSecond">The speed each user must see.</param>
    /// <param name="concurrentUsers">Concurrent users to serve (the average, or the peak when <paramref name="peakFactor"/> is 1).</param>
    /// <param name="gpusPerReplica">GPUs in one replica.</param>
    /// <param name="gpuHourPrice">USD per GPU-hour.</param>
    /// <param name="peakFactor">Peak over average concurrent users (1 when <paramref name="concurrentUsers"/> is already the peak).</param>
    /// <param name="utilizationTarget">The share of a replica's capacity to plan on (1 = run replicas full).</param>
    /// <exception cref="InferCostException">An input is out of range or a replica cannot serve one user.</exception>
    public static CapacityPlan Size(
        decimal replicaOutputTokensPerSecond,
        decimal tokensPerUserPerSecond,
        decimal concurrentUsers,
        int gpusPerReplica,
        decimal gpuHourPrice,
        decimal peakFactor = 1m,
        decimal utilizationTarget = 1m)
    {
        if (replicaOutputTokensPerSecond <= 0 || tokensPerUserPerSecond <= 0)
        {
            throw new InferCostException("--replica-throughput and --tok-per-user must be positive");
        }

        if (concurrentUsers < 0 || gpusPerReplica < 1 || gpuHourPrice < 0)
        {
            throw new InferCostException("--users must be >= 0, --gpus-per-replica >= 1 and --gpu-hour-price >= 0");
        }

        if (peakFactor < 1 || utilizationTarget <= 0 || utilizationTarget > 1)
        {
            throw new InferCostException($"--peak-factor must be >= 1 and --utilization in (0, 1] (got {peakFactor} and {utilizationTarget})");
        }

        var usersPerReplica = (int)Math.Floor(replicaOutputTokensPerSecond / tokensPerUserPerSecond);
        if (usersPerReplica < 1)
        {
            throw new InferCostException(
                $"one replica at {replicaOutputTokensPerSecond} tok/s cannot serve even one user at {tokensPerUserPerSecond} tok/s");
        }

        var peakUsers = concurrentUsers * peakFactor;
        var replicas = (long)Math.Ceiling(peakUsers / (usersPerReplica * utilizationTarget));
        var gpus = replicas * gpusPerReplica;
        var perHour = gpus * gpuHourPrice;
        var perDay = perHour * HoursPerDay;
        return new CapacityPlan(usersPerReplica, replicas, gpus, perHour, perDay, perDay * DaysPerMonth, peakUsers);
    }
}
