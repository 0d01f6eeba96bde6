using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace InferCost.Web.Hosting;

/// <summary>The JSON every API answer is written with: the CLI's <c>--json</c> options (snake_case, indented, exact decimals).</summary>
public static class WebJson
{
    /// <summary>Gets the options (the same as the CLI's <c>--json</c>).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The value as the CLI's <c>--json</c> would write it (without the final newline).</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>An HTTP 200 answer with the CLI's JSON bytes.</summary>
    public static IResult Ok<T>(T value) => Results.Text(JsonSerializer.SerializeToUtf8Bytes(value, Options), "application/json; charset=utf-8");
}
