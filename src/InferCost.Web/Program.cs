using InferCost.Web.Hosting;

// `dotnet run --project src/InferCost.Web [--urls URL]` (and the tests' WebApplicationFactory) start here;
// `infercost serve` builds the same app from its flags.
var urls = args.SkipWhile(a => a != "--urls").Skip(1).FirstOrDefault();
var options = new ServeOptions
{
    Urls = urls is null ? [ServeOptions.DefaultUrl] : urls.Split(';', StringSplitOptions.RemoveEmptyEntries),
    ApiKey = Environment.GetEnvironmentVariable("INFERCOST_API_KEY") is { Length: > 0 } key ? key : null,
};
WebApp.Create(options, args).Run();

/// <summary>The web app's entry point (named for WebApplicationFactory).</summary>
public partial class Program;
