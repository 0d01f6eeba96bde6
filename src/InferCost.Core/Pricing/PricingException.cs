using InferCost.Errors;

namespace InferCost.Pricing;

/// <summary>A usage that cannot be priced: invalid values, or a rate card that cannot price it.</summary>
public sealed class PricingException : InferCostException
{
    /// <summary>Initializes a new instance of the <see cref="PricingException"/> class.</summary>
    public PricingException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PricingException"/> class with a message.</summary>
    public PricingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PricingException"/> class with a message and a cause.</summary>
    public PricingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
