using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>How requests reach a replica in a <see cref="LoadSimulation"/>.</summary>
public sealed record LoadSpec
{
    /// <summary>Gets the Poisson arrival rate in requests per second (open loop); ignored when <see cref="Concurrency"/> is set.</summary>
    public double RequestsPerSecond { get; init; }

    /// <summary>Gets the closed-loop concurrency (each client sends its next request when the last finishes), as benchmark tools run it.</summary>
    public int? Concurrency { get; init; }

    /// <summary>Gets recorded arrival times in seconds from the start, used instead of Poisson arrivals when given.</summary>
    public IReadOnlyList<double>? ArrivalTimes { get; init; }

    /// <summary>Gets the mean prompt tokens per request.</summary>
    public required int InputTokens { get; init; }

    /// <summary>Gets the mean output tokens per request.</summary>
    public required int OutputTokens { get; init; }

    /// <summary>Gets the coefficient of variation of prompt and output lengths (lognormal; 0 for fixed lengths).</summary>
    public double LengthVariation { get; init; }

    /// <summary>Gets the most sequences the engine runs at once (vLLM's <c>max_num_seqs</c>).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Gets the most tokens one step processes (decode tokens plus a prompt chunk; vLLM's <c>max_num_batched_tokens</c>).</summary>
    public int MaxTokensPerStep { get; init; } = 2048;

    /// <summary>Gets how many requests to simulate (the first tenth warm the system up and are not measured).</summary>
    public int Requests { get; init; } = 600;

    /// <summary>Gets the random seed (the same seed gives the same result).</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>Latency percentiles and throughput of a replica under a load.</summary>
/// <param name="RequestsPerSecond">Completed requests per second.</param>
/// <param name="OutputTokensPerSecond">Generated tokens per second.</param>
/// <param name="TtftP50Ms">Median time to first token (queueing included).</param>
/// <param name="TtftP95Ms">95th percentile time to first token.</param>
/// <param name="TtftP99Ms">99th percentile time to first token.</param>
/// <param name="ItlP50Ms">Median inter-token latency.</param>
/// <param name="ItlP95Ms">95th percentile inter-token latency.</param>
/// <param name="ItlP99Ms">99th percentile inter-token latency.</param>
/// <param name="ItlMeanMs">Mean inter-token latency (what benchmark tools such as genai-perf report as ITL).</param>
/// <param name="MeanBatch">Mean sequences per step.</param>
/// <param name="MeanLatencySeconds">Mean time from arrival to last token.</param>
public sealed record LoadResult(
    double RequestsPerSecond, double OutputTokensPerSecond, double TtftP50Ms, double TtftP95Ms, double TtftP99Ms,
    double ItlP50Ms, double ItlP95Ms, double ItlP99Ms, double ItlMeanMs, double MeanBatch, double MeanLatencySeconds);

/// <summary>
/// A discrete-event model of one replica running continuous batching: requests arrive (Poisson, closed loop or
/// recorded), wait for a slot (max batch) and KV memory (prompt + output reserved on admission), prefill in chunks
/// that ride along with the decode steps (chunked prefill; without it a prefill step runs alone), and decode one token
/// per step. Each step's duration comes from the <see cref="PerformanceModel"/>.
/// </summary>
public static class LoadSimulation
{
    /// <summary>Simulates <paramref name="load"/> on <paramref name="deployment"/>.</summary>
    /// <exception cref="InferCostException">One request does not fit in KV memory.</exception>
    public static LoadResult Run(PerformanceModel model, Deployment deployment, LoadSpec load)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(load);
        var kvTokens = model.KvCapacityBytes(deployment) / deployment.Model.KvBytesPerToken(deployment.KvPrecision);
        if (kvTokens < load.InputTokens + load.OutputTokens)
        {
            throw new InferCostException($"{deployment} cannot hold one request of {load.InputTokens + load.OutputTokens} tokens in KV memory");
        }

        var random = new Random(load.Seed);
        var requests = new List<Request>(load.Requests);
        var poissonClock = 0.0;
        for (var i = 0; i < load.Requests; i++)
        {
            double arrival;
            if (load.ArrivalTimes is { } times)
            {
                arrival = times[i % times.Count] + (i / times.Count * (times[^1] + 1));
            }
            else if (load.Concurrency is not null)
            {
                arrival = double.NaN; // set when a client's previous request finishes
            }
            else
            {
                poissonClock += -Math.Log(1.0 - random.NextDouble()) / load.RequestsPerSecond;
                arrival = poissonClock;
            }

            var prompt = Length(random, load.InputTokens, load.LengthVariation, (int)Math.Max(1, kvTokens / 2));
            var output = Length(random, load.OutputTokens, load.LengthVariation, (int)Math.Max(1, kvTokens - prompt));
            requests.Add(new Request(i, arrival, prompt, output));
        }

        var pending = new Queue<Request>();
        var next = 0;
        if (load.Concurrency is { } clients)
        {
            for (; next < Math.Min(clients, requests.Count); next++)
            {
                requests[next].Arrival = 0;
                pending.Enqueue(requests[next]);
            }
        }

        var running = new List<Request>();
        var ttft = new List<double>();
        var itl = new List<double>();
        var warmup = load.Requests / 10;
        var now = 0.0;
        var reserved = 0.0;
        var finished = 0;
        var measuredStart = double.NaN;
        var measuredTokens = 0L;
        var measuredRequests = 0;
        var batchSum = 0.0;
        var steps = 0;
        var latencySum = 0.0;
        while (finished < requests.Count)
        {
            if (load.Concurrency is null)
            {
                while (next < requests.Count && requests[next].Arrival <= now)
                {
                    pending.Enqueue(requests[next++]);
                }
            }

            while (pending.Count > 0 && running.Count < load.MaxBatch
                && reserved + pending.Peek().Prompt + pending.Peek().Output <= kvTokens)
            {
                var r = pending.Dequeue();
                reserved += r.Prompt + r.Output;
                running.Add(r);
            }

            if (running.Count == 0)
            {
                now = next < requests.Count && load.Concurrency is null ? Math.Max(now, requests[next].Arrival) : now;
                continue;
            }

            // Decode every sequence past its prompt; fill the rest of the token budget with prompt chunks, oldest first.
            var decoding = running.Where(r => r.Prefilled >= r.Prompt).ToList();
            var budget = model.Factors.ChunkedPrefill ? Math.Max(0, load.MaxTokensPerStep - decoding.Count) : load.MaxTokensPerStep;
            var prefillTokens = 0.0;
            var prefillContext = 0.0;
            var chunks = new List<(Request Request, int Tokens)>();
            foreach (var r in running)
            {
                if (r.Prefilled >= r.Prompt || budget <= 0)
                {
                    continue;
                }

                var chunk = Math.Min(budget, r.Prompt - r.Prefilled);
                chunks.Add((r, chunk));
                prefillTokens += chunk;
                prefillContext += chunk * (r.Prefilled + (chunk / 2.0));
                budget -= chunk;
            }

            double seconds;
            var decodeThisStep = model.Factors.ChunkedPrefill || chunks.Count == 0 ? decoding : [];
            var decodeContext = decodeThisStep.Count == 0 ? 0 : decodeThisStep.Average(r => (double)r.Prompt + r.Generated);
            if (chunks.Count > 0 && decodeThisStep.Count == 0)
            {
                seconds = model.PrefillPass(deployment, 1, prefillTokens).Seconds;
            }
            else
            {
                seconds = model.MixedStepSeconds(deployment, decodeThisStep.Count, decodeContext, prefillTokens, prefillTokens > 0 ? prefillContext / prefillTokens : 0);
            }

            now += seconds;
            steps++;
            batchSum += decodeThisStep.Count + chunks.Count;
            foreach (var (r, tokens) in chunks)
            {
                r.Prefilled += tokens;
                if (r.Prefilled >= r.Prompt)
                {
                    // The pass that finishes the prompt also samples the first output token.
                    r.Generated = 1;
                    r.LastToken = now;
                    if (r.Index >= warmup)
                    {
                        ttft.Add((now - r.Arrival) * 1e3);
                    }
                }
            }

            foreach (var r in decodeThisStep)
            {
                r.Generated++;
                if (r.Index >= warmup)
                {
                    itl.Add((now - r.LastToken) * 1e3);
                }

                r.LastToken = now;
            }

            for (var i = running.Count - 1; i >= 0; i--)
            {
                var r = running[i];
                if (r.Prefilled < r.Prompt || r.Generated < r.Output)
                {
                    continue;
                }

                running.RemoveAt(i);
                reserved -= r.Prompt + r.Output;
                finished++;
                if (r.Index >= warmup)
                {
                    if (double.IsNaN(measuredStart))
                    {
                        measuredStart = r.Arrival;
                    }

                    measuredTokens += r.Output;
                    measuredRequests++;
                    latencySum += now - r.Arrival;
                }

                if (load.Concurrency is not null && next < requests.Count)
                {
                    requests[next].Arrival = now;
                    pending.Enqueue(requests[next++]);
                }
            }
        }

        var span = Math.Max(now - (double.IsNaN(measuredStart) ? 0 : measuredStart), 1e-9);
        return new LoadResult(
            measuredRequests / span,
            measuredTokens / span,
            Percentiles.Of(ttft, 0.50),
            Percentiles.Of(ttft, 0.95),
            Percentiles.Of(ttft, 0.99),
            Percentiles.Of(itl, 0.50),
            Percentiles.Of(itl, 0.95),
            Percentiles.Of(itl, 0.99),
            itl.Count == 0 ? 0 : itl.Average(),
            steps == 0 ? 0 : batchSum / steps,
            measuredRequests == 0 ? 0 : latencySum / measuredRequests);

        int Length(Random rng, int mean, double cv, int cap)
        {
            if (cv <= 0)
            {
                return Math.Min(mean, cap);
            }

            // Lognormal with the given mean and coefficient of variation.
            var sigma2 = Math.Log(1 + (cv * cv));
            var mu = Math.Log(mean) - (sigma2 / 2);
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return (int)Math.Clamp(Math.Round(Math.Exp(mu + (Math.Sqrt(sigma2) * z))), 1, cap);
        }
    }

    /// <summary>
    /// The highest Poisson arrival rate at which the p95 time to first token and p95 inter-token latency stay within
    /// the targets (bisection on the rate), with the result at that rate; <see langword="null"/> when even a trickle of
    /// load misses them.
    /// </summary>
    public static (double RequestsPerSecond, LoadResult Result)? MaxRate(
        PerformanceModel model, Deployment deployment, LoadSpec shape, double? ttftP95Ms, double? itlP95Ms)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(shape);
        bool Meets(LoadResult r) => (ttftP95Ms is not { } t || r.TtftP95Ms <= t) && (itlP95Ms is not { } i || r.ItlP95Ms <= i);

        // Saturation: the closed-loop throughput at max batch bounds the sustainable rate.
        var saturated = Run(model, deployment, shape with { Concurrency = shape.MaxBatch, RequestsPerSecond = 0 });
        var high = saturated.RequestsPerSecond * 1.05;
        var low = high / 1000;
        var lowResult = Run(model, deployment, shape with { RequestsPerSecond = low, Concurrency = null });
        if (!Meets(lowResult))
        {
            return null;
        }

        for (var i = 0; i < 14; i++)
        {
            var mid = Math.Sqrt(low * high);
            var result = Run(model, deployment, shape with { RequestsPerSecond = mid, Concurrency = null });
            if (Meets(result))
            {
                (low, lowResult) = (mid, result);
            }
            else
            {
                high = mid;
            }
        }

        return (low, lowResult);
    }

    private sealed class Request(int index, double arrival, int prompt, int output)
    {
        public int Index { get; } = index;

        public double Arrival { get; set; } = arrival;

        public int Prompt { get; } = prompt;

        public int Output { get; } = output;

        public int Prefilled { get; set; }

        public int Generated { get; set; }

        public double LastToken { get; set; }
    }
}
