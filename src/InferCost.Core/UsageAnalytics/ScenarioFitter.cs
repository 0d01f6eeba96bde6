using System.Collections.Immutable;

namespace InferCost.UsageAnalytics;

/// <summary>
/// Fits per-segment distributions from usage records given in (user, time) order: a session is a run of a user's
/// calls to one segment with gaps no longer than <see cref="SessionGap"/>; segments are features. Per-call token samples are kept by
/// reservoir sampling (deterministic) so memory stays bounded on large logs.
/// </summary>
public sealed class ScenarioFitter
{
    private const int Reservoir = 50_000;
    private readonly Dictionary<string, SegmentState> _segments = new(StringComparer.Ordinal);
    private string? _user;

    /// <summary>Gets the idle gap that ends a session (default 30 minutes).</summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets the share of all input tokens read from cache, over every record added.</summary>
    public double CacheReadShare
    {
        get
        {
            var input = _segments.Values.Sum(s => s.InputTotal);
            return input == 0 ? 0 : (double)(_segments.Values.Sum(s => s.CacheReadTotal) / input);
        }
    }

    /// <summary>Gets the latest record time added (<see cref="DateTimeOffset.MinValue"/> before any).</summary>
    public DateTimeOffset LastTime { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Adds a record; records must come sorted by user, then time.</summary>
    public void Add(in UsageRecord record)
    {
        var user = record.User ?? "(none)";
        if (_user is null || !string.Equals(user, _user, StringComparison.Ordinal))
        {
            FlushUser();
            _user = user;
        }

        if (record.Time > LastTime)
        {
            LastTime = record.Time;
        }

        var state = Segment(record.Feature ?? "default");
        state.Touch(user, record, SessionGap);
    }

    /// <summary>The fitted segments, largest share first.</summary>
    public ImmutableArray<FittedSegment> Fit()
    {
        FlushUser();
        var totalUsers = _segments.Values.Sum(s => (long)s.Users.Count);
        return [.. _segments
            .Select(kv => kv.Value.Fit(kv.Key, totalUsers))
            .OrderByDescending(s => s.Share)
            .ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    private SegmentState Segment(string name)
    {
        if (!_segments.TryGetValue(name, out var state))
        {
            state = new SegmentState();
            _segments[name] = state;
        }

        return state;
    }

    private void FlushUser()
    {
        if (_user is null)
        {
            return;
        }

        foreach (var state in _segments.Values)
        {
            state.EndUser(_user);
        }

        _user = null;
    }

    private sealed class SegmentState
    {
        private readonly List<double> _input = [];
        private readonly List<double> _output = [];
        private readonly List<double> _visibleOutput = [];
        private readonly List<double> _gaps = [];
        private readonly List<double> _sessionsPerMonth = [];
        private readonly List<double> _steps = [];
        private readonly Dictionary<(string? Provider, string Model), long> _models = [];
        private readonly Random _random = new(20260702);
        private long _calls;
        private long _gapCount;
        private decimal _inputTotal;
        private decimal _cacheRead;
        private decimal _outputTotal;
        private decimal _reasoning;
        private long _userSessions;
        private long _currentSteps;
        private DateTimeOffset _userFirst;
        private DateTimeOffset _userLast;
        private bool _active;

        public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

        public decimal InputTotal => _inputTotal;

        public decimal CacheReadTotal => _cacheRead;

        public void Touch(string user, in UsageRecord record, TimeSpan sessionGap)
        {
            Users.Add(user);
            var newSession = _active && record.Time - _userLast > sessionGap;
            if (!_active)
            {
                _active = true;
                _userFirst = record.Time;
                _userSessions = 0;
                _currentSteps = 0;
                newSession = true;
            }

            if (newSession)
            {
                if (_currentSteps > 0)
                {
                    _steps.Add(_currentSteps);
                }

                _userSessions++;
                _currentSteps = 0;
            }
            else if (_currentSteps > 0)
            {
                SampleGap((record.Time - _userLast).TotalSeconds);
            }

            _currentSteps++;
            _userLast = record.Time;
            _calls++;
            _inputTotal += record.InputTokens;
            _cacheRead += record.CacheReadTokens;
            _outputTotal += record.OutputTokens;
            _reasoning += record.ReasoningTokens;
            Sample(_input, _output, _visibleOutput, record.InputTokens, record.OutputTokens, record.OutputTokens - record.ReasoningTokens);
            var model = (record.Provider, record.Model);
            _models[model] = _models.GetValueOrDefault(model) + 1;
        }

        public void EndUser(string user)
        {
            if (!_active)
            {
                return;
            }

            if (_currentSteps > 0)
            {
                _steps.Add(_currentSteps);
            }

            // Sessions per 30 days over the user's observed span (at least one day).
            var days = Math.Max(1.0, (_userLast - _userFirst).TotalDays);
            _sessionsPerMonth.Add(_userSessions * 30.0 / Math.Max(days, 30.0));
            _active = false;
            _ = user;
        }

        public FittedSegment Fit(string name, long totalUsers)
        {
            var model = _models
                .OrderByDescending(m => m.Value)
                .ThenBy(m => m.Key.Provider ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(m => m.Key.Model, StringComparer.Ordinal)
                .Select(m => m.Key)
                .FirstOrDefault();
            return new FittedSegment(
                name,
                Users.Count,
                totalUsers == 0 ? 0 : (double)Users.Count / totalUsers,
                LogNormalFit.From(_sessionsPerMonth),
                LogNormalFit.From(_steps),
                LogNormalFit.From(_input),
                LogNormalFit.From(_output),
                _inputTotal == 0 ? 0 : (double)(_cacheRead / _inputTotal),
                model.Model ?? string.Empty,
                model.Provider,
                LogNormalFit.From(_visibleOutput),
                _outputTotal == 0 ? 0 : (double)(_reasoning / _outputTotal),
                LogNormalFit.From(_gaps).Median);
        }

        // One reservoir index per call keeps the three per-call samples aligned.
        private void Sample(List<double> input, List<double> output, List<double> visible, double i, double o, double v)
        {
            if (input.Count < Reservoir)
            {
                input.Add(i);
                output.Add(o);
                visible.Add(v);
                return;
            }

            var j = _random.NextInt64(_calls);
            if (j < Reservoir)
            {
                input[(int)j] = i;
                output[(int)j] = o;
                visible[(int)j] = v;
            }
        }

        private void SampleGap(double seconds)
        {
            _gapCount++;
            if (_gaps.Count < Reservoir)
            {
                _gaps.Add(seconds);
                return;
            }

            var j = _random.NextInt64(_gapCount);
            if (j < Reservoir)
            {
                _gaps[(int)j] = seconds;
            }
        }
    }
}
