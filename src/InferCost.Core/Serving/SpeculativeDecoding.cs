using InferCost.Errors;

namespace InferCost.Serving;

/// <summary>
/// Speculative decoding: a draft model proposes <see cref="DraftLength"/> tokens, the target verifies them in one step,
/// and each proposed token is accepted with probability <see cref="Acceptance"/> (independently, as in Leviathan et al.
/// 2023), so a target step yields (1 − α^(γ+1)) / (1 − α) tokens on average.
/// </summary>
public sealed record SpeculativeDecoding
{
    /// <summary>Initializes a new instance of the <see cref="SpeculativeDecoding"/> class.</summary>
    /// <exception cref="InferCostException">α is outside [0, 1) or γ is not positive.</exception>
    public SpeculativeDecoding(ModelArchitecture draft, double acceptance, int draftLength)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (acceptance is < 0 or >= 1 || double.IsNaN(acceptance))
        {
            throw new InferCostException($"--acceptance must be in [0, 1) (got {acceptance})");
        }

        if (draftLength < 1)
        {
            throw new InferCostException($"--draft-length must be at least 1 (got {draftLength})");
        }

        Draft = draft;
        Acceptance = acceptance;
        DraftLength = draftLength;
    }

    /// <summary>Gets the draft model.</summary>
    public ModelArchitecture Draft { get; }

    /// <summary>Gets the probability α that the target accepts one drafted token.</summary>
    public double Acceptance { get; }

    /// <summary>Gets the tokens γ the draft proposes per target step.</summary>
    public int DraftLength { get; }

    /// <summary>Gets the expected tokens one target step yields: (1 − α^(γ+1)) / (1 − α).</summary>
    public double TokensPerTargetStep => (1.0 - Math.Pow(Acceptance, DraftLength + 1)) / (1.0 - Acceptance);

    /// <summary>
    /// Seconds per generated token per sequence at <paramref name="batch"/> sequences: γ draft steps plus one target step
    /// verifying γ + 1 tokens per sequence, divided by the tokens that step yields.
    /// </summary>
    public double SecondsPerToken(PerformanceModel model, Deployment target, double batch, double context)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(target);
        var draft = new Deployment(Draft, target.Gpu, target.GpuCount, target.WeightPrecision, target.KvPrecision);
        var drafting = DraftLength * model.DecodeStep(draft, batch, context).Seconds;
        var verify = model.MixedStepSeconds(target, batch, context, batch * DraftLength, context);
        return (drafting + verify) / TokensPerTargetStep;
    }
}
