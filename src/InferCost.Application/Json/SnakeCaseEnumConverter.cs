using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferCost.Application.Json;

/// <summary>Writes an enum as its snake_case name (<c>MarketTier.Premium</c> → <c>"premium"</c>), as the CLI's JSON always has.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Initializes a new instance of the <see cref="SnakeCaseEnumConverter{TEnum}"/> class.</summary>
    public SnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower)
    {
    }
}
