namespace InferCost.UsageAnalytics;

/// <summary>What a usage report groups by.</summary>
public enum ReportDimension
{
    /// <summary>The user or customer.</summary>
    User,

    /// <summary>The feature or tag.</summary>
    Feature,

    /// <summary>The model as logged.</summary>
    Model,

    /// <summary>The provider.</summary>
    Provider,

    /// <summary>The UTC day.</summary>
    Day,
}
