using System.Globalization;

namespace InferCost.Data.UsageLogs;

/// <summary>
/// Exports stored usage as FOCUS 1.x CSV (FinOps Open Cost and Usage Specification): one charge row per UTC day,
/// provider, model, user and feature, with the cost and usage columns FinOps tools read.
/// </summary>
public static class FocusExporter
{
    /// <summary>The columns written, in order.</summary>
    public static readonly string[] Columns =
    [
        "BillingAccountId", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
        "ConsumedQuantity", "ConsumedUnit", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "InvoiceIssuerName",
        "ServiceName", "ServiceCategory", "ResourceId", "ResourceName", "ResourceType", "SkuId", "RegionId", "Tags",
    ];

    /// <summary>Writes the records in range to <paramref name="writer"/>; returns the rows written.</summary>
    public static long Write(UsageStore store, UsageQuery query, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(",", Columns));
        writer.Write('\n');
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"""
            SELECT CAST(time AS DATE) AS day, coalesce(provider, split_part(priced_as, '/', 1)) AS provider, priced_as, model,
                   user_id, feature, sum(cost), sum(list_cost), sum(CAST(input AS DECIMAL(38,0)) + output), sum(CAST(requests AS DECIMAL(38,0)))
            FROM usage_records WHERE {query.WhereSql()}
            GROUP BY ALL ORDER BY 1, 2, 3, 4, 5 NULLS FIRST, 6 NULLS FIRST
            """;
        using var r = command.ExecuteReader();
        long rows = 0;
        while (r.Read())
        {
            var day = DateOnly.FromDateTime(r.GetDateTime(0));
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var month = new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var provider = r.GetString(1);
            var pricedAs = r.GetString(2);
            var model = r.GetString(3);
            string? user = r.IsDBNull(4) ? null : r.GetString(4);
            string? feature = r.IsDBNull(5) ? null : r.GetString(5);
            var cost = r.GetDecimal(6);
            var list = r.GetDecimal(7);
            var tokens = r.GetDecimal(8);
            var requests = r.GetDecimal(9);
            var tags = "{" + string.Join(",", new[] { ("infercost/user", user), ("infercost/feature", feature), ("infercost/requests", requests.ToString(CultureInfo.InvariantCulture)) }
                .Where(t => t.Item2 is not null)
                .Select(t => $"\"{t.Item1}\":\"{t.Item2!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"")) + "}";
            string[] values =
            [
                provider, "USD", Iso(month), Iso(month.AddMonths(1)), Iso(start), Iso(start.AddDays(1)),
                "Usage", string.Empty, $"{model} inference tokens", D(cost), D(cost), D(list), D(cost),
                tokens.ToString(CultureInfo.InvariantCulture), "Tokens", tokens.ToString(CultureInfo.InvariantCulture), "Tokens",
                provider, provider, provider, pricedAs.Split('/')[0] + " inference API", "AI and Machine Learning",
                pricedAs, model, "Model", pricedAs, string.Empty, tags,
            ];
            writer.Write(string.Join(",", values.Select(CsvRecordReader.Escape)));
            writer.Write('\n');
            rows++;
        }

        return rows;
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string D(decimal d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
