using System.Collections.Frozen;
using System.Text;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// The JSON paths a log format reads (<c>usage.prompt_tokens</c>, <c>request_tags[]</c> for array items), compiled to
/// 64-bit path hashes so a scanner can match paths while it walks tokens, without building strings.
/// </summary>
internal sealed class JsonFieldMap
{
    public const ulong Root = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private JsonFieldMap(FrozenDictionary<ulong, Target[]> leaves, FrozenSet<ulong> prefixes, FrozenDictionary<ulong, string> names)
    {
        Leaves = leaves;
        Prefixes = prefixes;
        Names = names;
    }

    /// <summary>Gets the slots (with priority) each full path feeds.</summary>
    public FrozenDictionary<ulong, Target[]> Leaves { get; }

    /// <summary>Gets the hashes of every proper prefix of a wanted path (containers worth entering).</summary>
    public FrozenSet<ulong> Prefixes { get; }

    /// <summary>Gets each wanted path's text, for messages.</summary>
    public FrozenDictionary<ulong, string> Names { get; }

    /// <summary>Builds a map; <paramref name="prefixes"/> are envelopes each body path is also read under (e.g. <c>response.body.</c>).</summary>
    /// <remarks><paramref name="fallback"/> paths are read last, so any other path for the same slot wins over them.</remarks>
    public static JsonFieldMap Build(IEnumerable<(string Path, FieldSlot[] Slots)> envelope, IEnumerable<(string Path, FieldSlot[] Slots)> body, IEnumerable<string> prefixes,
        IEnumerable<(string Path, FieldSlot[] Slots)>? fallback = null)
    {
        var leaves = new Dictionary<ulong, List<Target>>();
        var containers = new HashSet<ulong>();
        var names = new Dictionary<ulong, string>();
        var priority = 0;
        void Add(string path, FieldSlot[] slots, int body)
        {
            var segments = path.Split('.');
            var h = Root;
            for (var i = 0; i < segments.Length; i++)
            {
                var seg = segments[i];
                var isArray = seg.EndsWith("[]", StringComparison.Ordinal);
                var name = isArray ? seg[..^2] : seg;
                h = Property(h, i == 0, Encoding.UTF8.GetBytes(name));
                if (isArray)
                {
                    containers.Add(h);
                    h = Item(h);
                }

                if (i < segments.Length - 1)
                {
                    containers.Add(h);
                }
            }

            if (!leaves.TryGetValue(h, out var list))
            {
                leaves[h] = list = [];
            }

            foreach (var slot in slots)
            {
                list.Add(new Target(slot, priority, body));
            }

            names[h] = path;
            priority++;
        }

        foreach (var (path, slots) in envelope)
        {
            Add(path, slots, -1);
        }

        var bodyList = body.ToList();
        foreach (var prefix in prefixes)
        {
            foreach (var (path, slots) in bodyList)
            {
                Add(prefix + path, slots, prefix.Count(c => c == '.'));
            }
        }

        foreach (var (path, slots) in fallback ?? [])
        {
            Add(path, slots, -1);
        }

        return new JsonFieldMap(leaves.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray()), containers.ToFrozenSet(), names.ToFrozenDictionary());
    }

    /// <summary>The hash of <paramref name="parent"/> followed by property <paramref name="name"/>.</summary>
    public static ulong Property(ulong parent, bool atRoot, ReadOnlySpan<byte> name)
    {
        var h = parent;
        if (!atRoot)
        {
            h = (h ^ (byte)'.') * Prime;
        }

        foreach (var b in name)
        {
            h = (h ^ b) * Prime;
        }

        return h;
    }

    /// <summary>The hash of an array item below <paramref name="array"/>.</summary>
    public static ulong Item(ulong array) => (((array ^ (byte)'[') * Prime) ^ (byte)']') * Prime;

    /// <summary>One slot a path feeds, with its priority (lower wins for strings) and, for a path in the response body, the depth of the body object (0: the record itself; -1: an envelope field).</summary>
    public readonly record struct Target(FieldSlot Slot, int Priority, int Body);
}
