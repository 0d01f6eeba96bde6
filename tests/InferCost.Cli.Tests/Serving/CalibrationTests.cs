using InferCost.Cli.Commands;
using InferCost.Data.Serving;
using InferCost.Serving;

namespace InferCost.Cli.Tests.Serving;

public class CalibrationTests
{
    private static readonly CalibrationReport Report = CalibrationReport.Build(
        CalibrationLoader.LoadBuiltIn(), GpuCatalogLoader.LoadBuiltIn(), OpenModelCatalogLoader.LoadBuiltIn(), PerformanceModel.Calibrated);

    [Fact]
    public void Median_error_on_dense_decode_is_at_most_15_percent()
    {
        Assert.True(Report.MedianDenseDecodeError <= 0.15, $"median decode error {Report.MedianDenseDecodeError:P1}");
    }

    [Fact]
    public void Median_error_on_dense_prefill_is_at_most_15_percent()
    {
        Assert.True(Report.MedianDensePrefillError <= 0.15, $"median prefill error {Report.MedianDensePrefillError:P1}");
    }

    [Fact]
    public void Docs_calibration_md_holds_the_table_the_code_generates()
    {
        var doc = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), "docs", "calibration.md"));
        Assert.Contains(CalibrationMarkdown.Render(Report).Trim(), doc.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
