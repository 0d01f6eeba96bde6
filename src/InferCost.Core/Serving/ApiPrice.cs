using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>An API model's list price, USD per 1M input and output tokens.</summary>
public sealed record ApiPrice
{
    /// <summary>Initializes a new instance of the <see cref="ApiPrice"/> class.</summary>
    /// <exception cref="InferCostException">A price is negative or both are zero.</exception>
    public ApiPrice(string name, decimal inputPerMillion, decimal outputPerMillion)
    {
        if (inputPerMillion < 0 || outputPerMillion < 0 || inputPerMillion + outputPerMillion == 0)
        {
            throw new InferCostException("--api-input-price and --api-output-price must be >= 0 and not both 0");
        }

        Name = name;
        InputPerMillion = inputPerMillion;
        OutputPerMillion = outputPerMillion;
    }

    /// <summary>Gets the API model's name.</summary>
    public string Name { get; }

    /// <summary>Gets USD per 1M input tokens.</summary>
    public decimal InputPerMillion { get; }

    /// <summary>Gets USD per 1M output tokens.</summary>
    public decimal OutputPerMillion { get; }

    /// <summary>USD for one request of <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out.</summary>
    public decimal CostPerRequest(int inputTokens, int outputTokens) =>
        ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
}
