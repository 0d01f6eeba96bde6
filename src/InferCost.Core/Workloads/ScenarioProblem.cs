namespace InferCost.Workloads;

/// <summary>One thing wrong with a scenario: the field path (e.g. <c>segments.pro.share</c>) and what is wrong.</summary>
/// <param name="Path">The dotted field path.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ScenarioProblem(string Path, string Message);
