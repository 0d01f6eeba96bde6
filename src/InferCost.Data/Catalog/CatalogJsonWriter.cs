using System.Buffers;
using System.Globalization;
using System.Text.Json;
using InferCost.Pricing;

namespace InferCost.Data.Catalog;

/// <summary>
/// Writes a catalog in InferCost's own JSON format (<see cref="CatalogJsonReader.FormatId"/>): providers, match
/// rules, extractors and models with dated price versions, exact decimals, descriptions left out, attribution kept.
/// </summary>
public static class CatalogJsonWriter
{
    /// <summary>Writes <paramref name="catalog"/> as UTF-8 JSON.</summary>
    public static byte[] Write(PriceCatalog catalog)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", CatalogJsonReader.FormatId);
            w.WriteStartArray("attribution");
            foreach (var a in catalog.Attributions)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("source", a.Source);
                w.WriteString("license", a.License);
                w.WriteString("version", a.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("providers");
            foreach (var p in catalog.Providers)
            {
                WriteProvider(w, p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProvider(Utf8JsonWriter w, CatalogProvider p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("name", p.Name);
        if (!p.PricingUrls.IsEmpty)
        {
            w.WriteStartArray("pricing_urls");
            foreach (var u in p.PricingUrls)
            {
                w.WriteStringValue(u);
            }

            w.WriteEndArray();
        }

        if (p.ApiPattern is not null) w.WriteString("api_pattern", p.ApiPattern);
        if (p.ModelMatch is not null) { w.WritePropertyName("model_match"); WriteMatch(w, p.ModelMatch); }
        if (p.ProviderMatch is not null) { w.WritePropertyName("provider_match"); WriteMatch(w, p.ProviderMatch); }
        if (!p.FallbackModelProviders.IsEmpty)
        {
            w.WriteStartArray("fallback_model_providers");
            foreach (var f in p.FallbackModelProviders)
            {
                w.WriteStringValue(f);
            }

            w.WriteEndArray();
        }

        if (p.PriceComments is not null) w.WriteString("price_comments", p.PriceComments);
        if (!p.Extractors.IsEmpty)
        {
            w.WriteStartArray("extractors");
            foreach (var e in p.Extractors)
            {
                w.WriteStartObject();
                w.WriteString("api_flavor", e.ApiFlavor);
                w.WritePropertyName("root");
                WritePath(w, e.Root);
                w.WritePropertyName("model_path");
                WritePath(w, e.ModelPath);
                w.WriteStartArray("mappings");
                foreach (var m in e.Mappings)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("path");
                    WritePath(w, m.Path);
                    w.WriteString("dest", m.Destination.UsageKey);
                    w.WriteBoolean("required", m.Required);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("models");
        foreach (var m in p.Models)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Id);
            if (m.Name is not null) w.WriteString("name", m.Name);
            w.WritePropertyName("match");
            WriteMatch(w, m.Match);
            if (m.ContextWindow is { } cw) w.WriteNumber("context_window", cw);
            if (m.Deprecated) w.WriteBoolean("deprecated", true);
            if (m.PriceComments is not null) w.WriteString("price_comments", m.PriceComments);
            w.WriteStartArray("versions");
            foreach (var v in m.Versions)
            {
                w.WriteStartObject();
                switch (v.Constraint)
                {
                    case PriceConstraint.StartingOn s:
                        w.WriteStartObject("constraint");
                        w.WriteString("type", "start_date");
                        w.WriteString("start_date", s.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        w.WriteEndObject();
                        break;
                    case PriceConstraint.TimeOfDay t:
                        w.WriteStartObject("constraint");
                        w.WriteString("type", "time_of_date");
                        w.WriteString("start_time", t.StartText);
                        w.WriteString("end_time", t.EndText);
                        w.WriteEndObject();
                        break;
                }

                w.WriteStartObject("prices");
                foreach (var up in v.Rates.Prices)
                {
                    w.WritePropertyName(up.Unit.PriceKey);
                    WritePrice(w, up.Price);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePrice(Utf8JsonWriter w, TieredPrice price)
    {
        if (!price.IsTiered)
        {
            w.WriteNumberValue(price.Base);
            return;
        }

        w.WriteStartObject();
        w.WriteNumber("base", price.Base);
        w.WriteStartArray("tiers");
        foreach (var t in price.Tiers)
        {
            w.WriteStartObject();
            w.WriteNumber("start", t.Start);
            w.WriteNumber("price", t.Price);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePath(Utf8JsonWriter w, IEnumerable<PathStep> path)
    {
        w.WriteStartArray();
        foreach (var step in path)
        {
            switch (step)
            {
                case PathStep.Property p:
                    w.WriteStringValue(p.Name);
                    break;
                case PathStep.ArrayMatch a:
                    w.WriteStartObject();
                    w.WriteString("type", "array-match");
                    w.WriteString("field", a.Field);
                    w.WritePropertyName("match");
                    WriteMatch(w, a.Match);
                    w.WriteEndObject();
                    break;
            }
        }

        w.WriteEndArray();
    }

    private static void WriteMatch(Utf8JsonWriter w, ModelMatch match)
    {
        w.WriteStartObject();
        switch (match)
        {
            case ModelMatch.EqualsClause c: w.WriteString("equals", c.Value); break;
            case ModelMatch.StartsWithClause c: w.WriteString("starts_with", c.Value); break;
            case ModelMatch.EndsWithClause c: w.WriteString("ends_with", c.Value); break;
            case ModelMatch.ContainsClause c: w.WriteString("contains", c.Value); break;
            case ModelMatch.RegexClause c: w.WriteString("regex", c.Pattern); break;
            case ModelMatch.AnyClause c:
                w.WriteStartArray("or");
                foreach (var x in c.Clauses) WriteMatch(w, x);
                w.WriteEndArray();
                break;
            case ModelMatch.AllClause c:
                w.WriteStartArray("and");
                foreach (var x in c.Clauses) WriteMatch(w, x);
                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
    }
}
