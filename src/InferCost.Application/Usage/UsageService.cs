using System.Collections.Immutable;
using InferCost.Application.Catalogs;
using InferCost.Application.Validation;
using InferCost.Data.UsageLogs;
using InferCost.Errors;
using InferCost.UsageAnalytics;

namespace InferCost.Application.Usage;

/// <summary>Usage over a DuckDB store: report, re-price, fit a scenario.</summary>
/// <param name="storePath">The usage store (a DuckDB file).</param>
/// <param name="catalogs">Where the price catalog comes from (alternatives, model ids).</param>
/// <param name="clock">The clock whose "now" prices the alternatives by default; the system clock when null.</param>
public sealed class UsageService(string storePath, CatalogSource catalogs, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Gets the usage store's path.</summary>
    public string StorePath => storePath;

    /// <summary>Cost and usage totals per group.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">No store at the path.</exception>
    public UsageReportResult Report(UsageReportRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var dimension = Enum.Parse<ReportDimension>(request.By, ignoreCase: true);
        using var store = OpenExisting();
        var report = store.Report(dimension, Query(request.Range), request.Top);
        return new UsageReportResult(request.By, report.From, report.To, UsageRow.Of(report.Totals), [.. report.Rows.Select(UsageRow.Of)], report.OtherGroups);
    }

    /// <summary>The alternatives the request names, resolved and priced as of its date.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">Unknown model, or an efficiency for a model not among the alternatives.</exception>
    public (IReadOnlyList<RepriceTarget> Targets, RepriceOptions Options, DateTimeOffset At) Targets(UsageRepriceRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var options = new RepriceOptions
        {
            CacheHit = request.CacheHit,
            BatchShare = request.BatchShare,
            Efficiency = request.Efficiency.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InferCostException(ex.Message.Split(" (Parameter", 2)[0], ex);
        }

        var when = request.At ?? _clock.GetUtcNow();
        var ids = request.To.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var catalog = catalogs.Catalog;
        var targets = ids.Select(id => RepriceTarget.For(catalog.Resolve(id), when, options)).ToList();
        foreach (var model in options.Efficiency.Keys)
        {
            if (!targets.Any(t => t.Model.Model.Id.Equals(model, StringComparison.OrdinalIgnoreCase) || t.Id.Equals(model, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InferCostException($"--efficiency: '{model}' is not one of the --to models ({string.Join(", ", targets.Select(t => t.Model.Model.Id))})");
            }
        }

        return (targets, options, when);
    }

    /// <summary>The store's traffic priced on each alternative, with savings and who drives them.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">Unknown model, or no store at the path.</exception>
    public UsageRepriceResult Reprice(UsageRepriceRequest request)
    {
        var (targets, options, when) = Targets(request);
        using var store = OpenExisting();
        var acc = new RepriceAccumulator(targets, options, ModelModalities.EmbeddingModels(catalogs.Catalog, when));
        store.ReadRecords(Query(request.Range), (in UsageRecord r, decimal cost) => acc.Add(r, cost));
        var result = acc.Result(request.Top);
        return new UsageRepriceResult(
            result.Records,
            Decimals.Normalize(result.CurrentCost),
            when,
            options.CacheHit,
            options.BatchShare,
            [.. result.Alternatives.Select(a => new RepricedAlternative(
                a.Alternative, Decimals.Normalize(a.Cost), Decimals.Normalize(a.CurrentCost), Decimals.Normalize(a.Savings), decimal.Round(a.SavingsShare, 6), a.Efficiency,
                [.. a.TopUsers.Select(SavingsDriverRow.Of)], [.. a.TopFeatures.Select(SavingsDriverRow.Of)])
            {
                Records = a.Records,
                TopModels = [.. a.TopModels.Select(SavingsDriverRow.Of)],
                StaysRequests = a.StaysRequests,
                StaysRecords = a.StaysRecords,
                StaysCost = Decimals.Normalize(a.StaysCost),
                StaysOverContext = a.StaysOverContext,
                StaysOtherModality = a.StaysOtherModality,
                ContextWindow = targets.First(t => t.Id == a.Alternative).ContextWindow,
            })]);
    }

    /// <summary>The re-pricing as one SQL query that runs where the logs live (postgres or duckdb).</summary>
    /// <param name="request">The alternatives and range.</param>
    /// <param name="dialect">The SQL dialect.</param>
    /// <param name="source">The table (or Parquet source) the query reads.</param>
    /// <param name="groupBy">Also group by user, feature or model (optional).</param>
    public string RepriceSql(UsageRepriceRequest request, SqlDialect dialect, string source, ReportDimension? groupBy = null)
    {
        var (targets, options, when) = Targets(request);
        return Data.UsageLogs.RepriceSql.Generate(dialect, targets, options, source, Query(request.Range), groupBy, ModelModalities.EmbeddingModels(catalogs.Catalog, when));
    }

    /// <summary>Per-segment distributions (sessions, steps, tokens, model) fitted from the logs, and the scenario YAML.</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">No store, or no records in range.</exception>
    public UsageFitResult Fit(UsageFitRequest request)
    {
        Validator.ThrowIfInvalid(request);
        using var store = OpenExisting();
        var query = Query(request.Range);
        var fitter = new ScenarioFitter { SessionGap = TimeSpan.FromMinutes(request.SessionGapMinutes) };
        long records = 0;
        store.ReadRecords(query, (in UsageRecord r, decimal _) => { fitter.Add(r); records++; }, byUserAndTime: true);
        if (records == 0)
        {
            throw new InferCostException("No usage records in range: import logs first (infercost usage import FILE).");
        }

        // Name each segment's model by its catalog id, so the scenario resolves as the import priced it.
        var pricer = new UsageRecordPricer(catalogs.Catalog);
        var segments = fitter.Fit()
            .Select(s => pricer.Resolve(s.Provider, s.Model) is { } m ? s with { Provider = m.Provider.Id, Model = m.Model.Id } : s)
            .ToImmutableArray();
        var yaml = ScenarioYamlWriter.Write(segments, "fitted from " + Path.GetFileName(store.Path), query.From, query.To, records, fitter.LastTime, fitter.CacheReadShare);
        return new UsageFitResult(null, records, segments) { Yaml = yaml };
    }

    /// <summary>Month-to-date, projected month end with its interval, and the day a budget is crossed (<c>infercost usage forecast</c>).</summary>
    /// <exception cref="InferCostException">No store, a bad month, grouping or budget.</exception>
    public UsageForecastResult Forecast(UsageForecastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var store = OpenExisting();
        return new UsageForecastService(store).Forecast(request);
    }

    /// <summary>Cost per UTC day, split by a dimension (the usage page's stacked chart).</summary>
    /// <exception cref="RequestValidationException">A field is out of range.</exception>
    /// <exception cref="InferCostException">No store at the path.</exception>
    public UsageDailyResult Daily(UsageDailyRequest request)
    {
        Validator.ThrowIfInvalid(request);
        var dimension = Enum.Parse<ReportDimension>(request.By, ignoreCase: true);
        using var store = OpenExisting();
        var days = store.DailyCosts(Query(request.Range), dimension);
        var keys = days.GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Cost: g.Sum(d => d.Cost)))
            .OrderByDescending(k => k.Cost).ThenBy(k => k.Key, StringComparer.Ordinal)
            .ToList();
        var shown = keys.Take(request.Top).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var series = keys.Take(request.Top).Select(k => k.Key).ToList();
        if (keys.Count > request.Top)
        {
            series.Add(UsageDailyResult.Other);
        }

        var dates = days.Select(d => d.Day).Distinct().Order().ToList();
        var rows = dates.Select(day =>
        {
            var costs = series.ToDictionary(k => k, _ => 0m, StringComparer.Ordinal);
            foreach (var d in days.Where(d => d.Day == day))
            {
                costs[shown.Contains(d.Key) ? d.Key : UsageDailyResult.Other] += d.Cost;
            }

            return new UsageDayRow(day, Decimals.Normalize(costs.Values.Sum()), [.. series.Select(k => Decimals.Normalize(costs[k]))]);
        }).ToList();
        return new UsageDailyResult(request.By, series, rows);
    }

    private static UsageQuery Query(UsageRange range) => new(range.From, range.To);

    private UsageStore OpenExisting()
    {
        if (!File.Exists(storePath))
        {
            throw new InferCostException($"No usage store at {storePath}: import logs first (infercost usage import FILE [--db {storePath}]).");
        }

        return UsageStore.Open(storePath);
    }
}
