namespace InferCost.Serving;

/// <summary>What limits a step: reading memory or doing arithmetic.</summary>
public enum PerformanceBound
{
    /// <summary>Memory-bandwidth bound: weights and KV cache reads dominate.</summary>
    Memory,

    /// <summary>Compute bound: matrix and attention FLOPs dominate.</summary>
    Compute,
}
