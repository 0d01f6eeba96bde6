using InferCost.Errors;

namespace InferCost.Data.Catalog;

/// <summary>Downloads a price feed over HTTP(S): one clear error on any failure, nothing written.</summary>
public static class CatalogFeed
{
    /// <summary>The genai-prices live feed (their v2 contract; <c>prices/data.json</c> is the frozen v1).</summary>
    public const string GenAiPricesLiveUrl = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json";

    /// <summary>LiteLLM's price and context-window map.</summary>
    public const string LiteLlmUrl = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

    /// <summary>The largest feed accepted (the genai-prices v2 feed is about 1 MB).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Fetches <paramref name="url"/>.</summary>
    /// <exception cref="InferCostException">The URL is not http(s), the host cannot be reached, the server answers with an error, or it times out.</exception>
    public static byte[] Fetch(string url, TimeSpan? timeout = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InferCostException($"'{url}' is not an http(s) URL");
        }

        using var client = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = MaxBytes };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("infercost-catalog-update");
        try
        {
            using var response = client.GetAsync(uri).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new InferCostException($"could not fetch {url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}; nothing changed");
            }

            return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        }
        catch (HttpRequestException ex)
        {
            throw new InferCostException($"could not fetch {url}: {ex.Message}; nothing changed", ex);
        }
        catch (TaskCanceledException ex)
        {
            throw new InferCostException($"could not fetch {url}: no answer within {client.Timeout.TotalSeconds:0} s; nothing changed", ex);
        }
    }
}
