using System.Globalization;
using System.Text;
using InferCost.Application.Usage;
using InferCost.Data.UsageLogs;

namespace InferCost.Application.Rendering;

/// <summary>CSV of usage results (<c>infercost usage report --csv</c>, <c>usage reprice --csv</c>).</summary>
public static class UsageCsv
{
    /// <summary>One row per group, then the totals row; LF line ends.</summary>
    public static string Report(UsageReportResult report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("key,records,requests,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,reasoning_tokens,web_searches,cost,list_cost,cost_per_request\n");
        foreach (var r in report.Rows.Append(report.Totals))
        {
            sb.AppendJoin(",", CsvText.Escape(r.Key), N(r.Records), N(r.Requests), N(r.InputTokens), N(r.CacheReadTokens), N(r.CacheWriteTokens), N(r.OutputTokens), N(r.ReasoningTokens), N(r.WebSearches),
                Dec(r.Cost), Dec(r.ListCost), Dec(r.CostPerRequest)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>One row per alternative; LF line ends.</summary>
    public static string Reprice(UsageRepriceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("model,records,current_cost,cost,savings,savings_share,stays_requests,stays_cost\n");
        foreach (var a in result.Alternatives)
        {
            sb.AppendJoin(",", CsvText.Escape(a.Model), N(a.Records), Dec(a.CurrentCost), Dec(a.Cost), Dec(a.Savings), Dec(a.SavingsShare), N(a.StaysRequests), Dec(a.StaysCost)).Append('\n');
        }

        return sb.ToString();
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string N(decimal n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Dec(decimal d) => Decimals.Normalize(d).ToString(CultureInfo.InvariantCulture);
}
