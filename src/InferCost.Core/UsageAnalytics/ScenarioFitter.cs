using System.Collections.Immutable;

namespace InferCost.UsageAnalytics;

/// <summary>
/// Fits per-segment distributions from usage records given in (user, time) order: a session is a run of a user's
/// calls with gaps shorter than <see cref="SessionGap"/>; segments are features. Per-call token samples are kept by
/// reservoir sampling (deterministic) so memory stays bounded on large logs.
/// </summary>
public sealed class ScenarioFitter
{
    private const int Reservoir = 50_000;
    private readonly Dictionary<string, SegmentState> _segments = new(StringComparer.Ordinal);
    private string? _user;
    private DateTimeOffset _first;
    private DateTimeOffset _last;

    /// <summary>Gets the idle gap that ends a session (default 30 minutes).</summary>
    public TimeSpan SessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Adds a record; records must come sorted by user, then time.</summary>
    public void Add(in UsageRecord record)
    {
        var user = record.User ?? "(none)";
        if (_user is null || !string.Equals(user, _user, StringComparison.Ordinal))
        {
            FlushUser();
            _user = user;
            _first = record.Time;
            _last = DateTimeOffset.MinValue;
        }

        var state = Segment(record.Feature ?? "default");
        var newSession = _last == DateTimeOffset.MinValue || record.Time - _last > SessionGap;
        state.Touch(user, record, newSession);
        _last = record.Time;
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
        private readonly List<double> _sessionsPerMonth = [];
        private readonly List<double> _steps = [];
        private readonly Dictionary<string, long> _models = new(StringComparer.Ordinal);
        private readonly Random _random = new(20260702);
        private long _calls;
        private decimal _inputTotal;
        private decimal _cacheRead;
        private long _userSessions;
        private long _currentSteps;
        private DateTimeOffset _userFirst;
        private DateTimeOffset _userLast;
        private bool _active;

        public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

        public void Touch(string user, in UsageRecord record, bool newSession)
        {
            Users.Add(user);
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

            _currentSteps++;
            _userLast = record.Time;
            _calls++;
            _inputTotal += record.InputTokens;
            _cacheRead += record.CacheReadTokens;
            Sample(_input, record.InputTokens);
            Sample(_output, record.OutputTokens);
            var model = record.Provider is null ? record.Model : record.Provider + "/" + record.Model;
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

        public FittedSegment Fit(string name, long totalUsers) => new(
            name,
            Users.Count,
            totalUsers == 0 ? 0 : (double)Users.Count / totalUsers,
            LogNormalFit.From(_sessionsPerMonth),
            LogNormalFit.From(_steps),
            LogNormalFit.From(_input),
            LogNormalFit.From(_output),
            _inputTotal == 0 ? 0 : (double)(_cacheRead / _inputTotal),
            _models.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key).FirstOrDefault() ?? string.Empty);

        private void Sample(List<double> list, double value)
        {
            if (list.Count < Reservoir)
            {
                list.Add(value);
                return;
            }

            var j = _random.NextInt64(_calls);
            if (j < Reservoir)
            {
                list[(int)j] = value;
            }
        }
    }
}
