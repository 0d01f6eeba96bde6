using System.Text;
using System.Text.Json;

namespace InferCost.Data.UsageLogs;

/// <summary>Interns low-cardinality strings (users, features, models, providers) read as UTF-8, so repeats do not allocate.</summary>
internal sealed class StringPool
{
    private const int MaxEntries = 100_000;
    private readonly Dictionary<ulong, string> _byHash = [];

    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
        }

        return Get(reader.ValueSpan);
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var h = JsonFieldMap.Property(JsonFieldMap.Root, atRoot: true, utf8) ^ (ulong)utf8.Length;
        if (_byHash.TryGetValue(h, out var s) && Matches(s, utf8))
        {
            return s;
        }

        s = Encoding.UTF8.GetString(utf8);
        if (_byHash.Count < MaxEntries)
        {
            _byHash[h] = s;
        }

        return s;
    }

    private static bool Matches(string s, ReadOnlySpan<byte> utf8)
    {
        if (s.Length > utf8.Length)
        {
            return false;
        }

        Span<byte> tmp = utf8.Length <= 256 ? stackalloc byte[256] : new byte[utf8.Length];
        return Encoding.UTF8.TryGetBytes(s, tmp, out var written) && tmp[..written].SequenceEqual(utf8);
    }
}
