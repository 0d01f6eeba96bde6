namespace InferCost.Workloads;

/// <summary>What a plan's included usage, overage price and hard cap count.</summary>
public enum PlanMeter
{
    /// <summary>Sessions (conversations, tasks, documents).</summary>
    Sessions,

    /// <summary>Model calls (messages, agent steps).</summary>
    Calls,
}
