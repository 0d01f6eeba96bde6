using System.CommandLine;
using InferCost.Application.PriceStream;
using InferCost.Errors;

namespace InferCost.Cli.Commands;

/// <summary>
/// <c>infercost price [FILE|-] --provider P [--api-flavor F] [--model M] --jsonl</c>: one response body (or usage
/// object) per input line → one priced line per input line, in order; a bad line gets an error line and the run goes on.
/// The pricing itself is <see cref="StreamPricer"/> in InferCost.Application.
/// </summary>
internal static class PriceStreamCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("file") { Description = "JSONL file of API response bodies or usage objects; - for standard input", DefaultValueFactory = _ => "-" };
        var provider = new Option<string>("--provider") { Description = "Provider id (openai, anthropic, google, …)", Required = true };
        var flavor = new Option<string?>("--api-flavor") { Description = "API flavor of the bodies: chat, responses, embeddings, anthropic, default (the provider's default when omitted)" };
        var model = new Option<string?>("--model") { Description = "Price every line on this model instead of the one in the body" };
        var jsonl = new Option<bool>("--jsonl") { Description = "Write one JSON object per input line (the only output format)" };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Prices in force at this date/time (default: now)" };
        var threads = new Option<int>("--threads") { Description = "Threads to price on (default: all cores); output stays in input order", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command("price", "Price raw API responses or usage objects, one per line") { file, provider, flavor, model, jsonl, at, threads };
        cmd.SetAction(pr =>
        {
            var request = new PriceStreamRequest
            {
                Provider = pr.GetValue(provider)!,
                ApiFlavor = pr.GetValue(flavor),
                Model = pr.GetValue(model),
                At = pr.GetValue(at),
                Threads = pr.GetValue(threads),
            };
            var service = new PriceStreamService(CliCatalog.Source(pr));
            var pricers = service.Pricers(request); // an unknown provider or flavor fails before any input is read
            var path = pr.GetValue(file)!;
            if (path != "-" && !File.Exists(path))
            {
                throw new InputFileException(path, null, null, "file not found");
            }

            using var input = path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var output = ctx.IsProcessConsole ? Console.OpenStandardOutput() : null;
            var counts = output is null
                ? StreamPricer.RunToWriter(pricers, input, ctx.Out, request.Threads)
                : StreamPricer.Run(pricers, input, output, request.Threads);
            output?.Flush();
            if (counts.Errors > 0)
            {
                ctx.Error.WriteLine($"priced {counts.Priced:N0} line(s); {counts.Errors:N0} could not be priced (see their \"error\" fields)");
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }
}
