using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace InferCost.Application.Json;

/// <summary>Serializes operation results: the bytes the CLI's <c>--json</c> writes and the web API returns.</summary>
public static class AppJson
{
    /// <summary>
    /// Gets the context to serialize with: <see cref="AppJsonContext"/>'s generated metadata with the relaxed encoder
    /// (non-ASCII and HTML-sensitive characters written as they are).
    /// </summary>
    public static AppJsonContext Context { get; } = new(CreateOptions());

    /// <summary>Gets the serializer options of <see cref="Context"/> (for ASP.NET Core's JSON options).</summary>
    public static JsonSerializerOptions Options => Context.Options;

    /// <summary>Serializes <paramref name="value"/> with its generated metadata.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);

    private static JsonSerializerOptions CreateOptions()
    {
        var defaults = AppJsonContext.Default.Options;
        return new JsonSerializerOptions(defaults)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = null,
        };
    }
}
