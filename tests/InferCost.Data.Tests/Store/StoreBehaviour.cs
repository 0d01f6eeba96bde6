using InferCost.Data.Store;
using InferCost.Errors;

namespace InferCost.Data.Tests.Store;

/// <summary>A clock the tests move by hand, so saved times are known.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The store's behaviour; runs unchanged on SQLite and on PostgreSQL (the two classes below).</summary>
public abstract class StoreBehaviour<TDatabase> : IClassFixture<TDatabase>
    where TDatabase : class, IStoreDatabase
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly TDatabase _database;
    private readonly ManualClock _clock = new(Start);

    protected StoreBehaviour(TDatabase database) => _database = database;

    private InferCostStore Open() => InferCostStore.Open(_database.Location, _clock);

    [Fact]
    public void Opening_applies_every_schema_step_once_and_opening_again_changes_nothing()
    {
        using (var first = Open())
        {
            Assert.Equal(StoreSchema.Latest, first.SchemaVersion());
        }

        using var second = Open();
        Assert.Equal(StoreSchema.Latest, second.SchemaVersion());
        Assert.Equal((long)StoreSchema.Latest, Convert.ToInt64(_database.Scalar("SELECT count(*) FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_saved_scenario_comes_back_with_its_text_exactly_and_is_listed_and_deleted()
    {
        using var store = Open();
        const string Yaml = "name: test\n# a comment ünïcode ✓\nplans:\n  - id: pro\n    price: 20\n";
        var saved = store.SaveScenario("My scenario", Yaml)!;
        Assert.Equal(InferCostStore.ScenarioIdLength, saved.Id.Length);
        var back = store.GetScenario(saved.Id);
        Assert.NotNull(back);
        Assert.Equal(Yaml, back.Yaml);
        Assert.Equal("My scenario", back.Name);
        Assert.Equal(Start, back.CreatedAt);
        Assert.Contains(store.ListScenarios(), s => s.Id == saved.Id && s.Name == "My scenario");
        Assert.True(store.DeleteScenario(saved.Id));
        Assert.Null(store.GetScenario(saved.Id));
        Assert.False(store.DeleteScenario(saved.Id));
    }

    [Fact]
    public void Saving_a_scenario_under_its_id_replaces_it_and_keeps_the_first_save_time()
    {
        using var store = Open();
        var saved = store.SaveScenario("v1", "name: a\n")!;
        _clock.Now = Start.AddHours(2);
        var again = store.SaveScenario("v2", "name: b\n", saved.Id)!;
        Assert.Equal(saved.Id, again.Id);
        Assert.Equal("name: b\n", again.Yaml);
        Assert.Equal(Start, again.CreatedAt);
        Assert.Equal(Start.AddHours(2), again.UpdatedAt);
        Assert.Null(store.SaveScenario("v3", "name: c\n", "nosuchid00"));
        store.DeleteScenario(saved.Id);
    }

    [Fact]
    public void The_scenario_list_is_newest_first()
    {
        using var store = Open();
        var older = store.SaveScenario("older", "name: a\n")!;
        _clock.Now = Start.AddDays(1);
        var newer = store.SaveScenario("newer", "name: b\n")!;
        var ids = store.ListScenarios().Select(s => s.Id).ToList();
        Assert.True(ids.IndexOf(newer.Id) < ids.IndexOf(older.Id));
        store.DeleteScenario(older.Id);
        store.DeleteScenario(newer.Id);
    }

    [Fact]
    public void A_named_comparison_is_saved_read_replaced_under_its_name_and_deleted()
    {
        using var store = Open();
        var comparison = new NamedComparison("frontier", ["gpt-5.4", "claude-opus-4-7"], "volume", 2_000_000, 400_000, 0, null, false, default);
        var saved = store.SaveComparison(comparison);
        Assert.Equal(Start, saved.UpdatedAt);
        var back = store.GetComparison("frontier")!;
        Assert.Equal(["gpt-5.4", "claude-opus-4-7"], back.Models);
        Assert.Equal((2_000_000L, 400_000L, 0L, (long?)null, false, "volume"), (back.Input, back.Output, back.Cached, back.Requests, back.Batch, back.Shape));

        _clock.Now = Start.AddMinutes(5);
        store.SaveComparison(comparison with { Models = ["gpt-5.4-mini"], Requests = 100, Batch = true, Shape = "request" });
        var replaced = store.GetComparison("frontier")!;
        Assert.Equal(["gpt-5.4-mini"], replaced.Models);
        Assert.Equal((100L, true, "request"), (replaced.Requests, replaced.Batch, replaced.Shape));
        Assert.Equal(Start.AddMinutes(5), replaced.UpdatedAt);
        Assert.Single(store.ListComparisons(), c => c.Name == "frontier");
        Assert.True(store.DeleteComparison("frontier"));
        Assert.Null(store.GetComparison("frontier"));
    }

    [Fact]
    public void A_share_link_resolves_to_its_page_and_the_same_page_gets_the_same_code()
    {
        using var store = Open();
        const string Target = "/pnl?users=10000000&paid_share=0.8&arpu=25";
        var link = store.CreateLink(Target);
        Assert.Equal(InferCostStore.ShareCodeLength, link.Code.Length);
        Assert.All(link.Code, ch => Assert.Contains(ch, InferCostStore.CodeAlphabet));
        Assert.Equal(Target, store.ResolveLink(link.Code)!.Target);
        Assert.Equal(link.Code, store.CreateLink(Target).Code);
        Assert.NotEqual(link.Code, store.CreateLink(Target + "&gpus=1").Code);
        Assert.Null(store.ResolveLink("zzzzzzzz"));
    }

    [Fact]
    public void Many_share_links_made_at_once_from_threads_each_resolve_to_their_own_page()
    {
        using var store = Open();
        var targets = Enumerable.Range(0, 40).Select(i => $"/compare?input={i}").ToArray();
        var links = new ShareLink[targets.Length];
        Parallel.For(0, targets.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => links[i] = store.CreateLink(targets[i]));
        Assert.Equal(targets.Length, links.Select(l => l.Code).Distinct().Count());
        for (var i = 0; i < targets.Length; i++)
        {
            Assert.Equal(targets[i], store.ResolveLink(links[i].Code)!.Target);
        }
    }

    [Fact]
    public void A_store_whose_schema_is_newer_than_this_version_is_refused_naming_both_versions()
    {
        using (var store = Open())
        {
            _database.Scalar("INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'from the future', '2030-01-01T00:00:00Z')");
        }

        try
        {
            var e = Assert.Throws<InferCostException>(() => Open().Dispose());
            Assert.Contains("999", e.Message, StringComparison.Ordinal);
            Assert.Contains($"({StoreSchema.Latest})", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            _database.Scalar("DELETE FROM schema_version WHERE version = 999");
        }
    }
}

/// <summary>The store's behaviour on a SQLite file.</summary>
public sealed class SqliteStoreTests(SqliteDatabase database) : StoreBehaviour<SqliteDatabase>(database);

/// <summary>The store's behaviour on a real PostgreSQL (needs the server ./test.sh starts).</summary>
public sealed class PostgresStoreTests(PostgresDatabase database) : StoreBehaviour<PostgresDatabase>(database);
