using InferCost.Data.Catalog;
using InferCost.Data.Store;
using InferCost.Errors;

namespace InferCost.Data.Tests.Store;

public sealed class StoreLocationTests
{
    [Fact]
    public void No_store_flag_means_infercost_db_in_the_data_folder_INFERCOST_DATA_DIR_names()
    {
        var folders = CatalogStore.FromEnvironment(name => name == "INFERCOST_DATA_DIR" ? "/srv/ic-data" : null);
        var location = StoreLocation.Parse(null, folders);
        Assert.Equal(StoreKind.Sqlite, location.Kind);
        Assert.Equal(Path.Combine("/srv/ic-data", "infercost.db"), location.Display);
    }

    [Fact]
    public void A_path_is_a_sqlite_file()
    {
        var location = StoreLocation.Parse("/tmp/x/my.db");
        Assert.Equal((StoreKind.Sqlite, "/tmp/x/my.db"), (location.Kind, location.Display));
    }

    [Theory]
    [InlineData("postgres://alice:s%3Acret@db.example:6432/costs?sslmode=require", "db.example", 6432, "alice", "s:cret", "costs")]
    [InlineData("postgresql://bob@localhost/infercost", "localhost", 5432, "bob", null, "infercost")]
    [InlineData("Host=pg;Port=5433;Username=carol;Password=pw;Database=ic", "pg", 5433, "carol", "pw", "ic")]
    public void A_postgres_url_or_an_npgsql_connection_string_is_postgres(string flag, string host, int port, string user, string? password, string database)
    {
        var location = StoreLocation.Parse(flag);
        Assert.Equal(StoreKind.Postgres, location.Kind);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal((host, port, user, password, database), (b.Host, b.Port, b.Username, b.Password, b.Database));
        Assert.DoesNotContain(password ?? "\0", location.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_url_with_an_unknown_option_is_refused_naming_it()
    {
        var e = Assert.Throws<InferCostException>(() => StoreLocation.Parse("postgres://u:p@h/db?colour=blue"));
        Assert.Contains("colour", e.Message, StringComparison.Ordinal);
    }
}
