namespace InferCost.Data.Store;

/// <summary>
/// One step of the store's schema: its version, what it does, and its SQL (the PostgreSQL text where the dialects
/// differ). Steps run in version order, each in a transaction with its row in <c>schema_version</c>.
/// </summary>
/// <param name="Version">The schema version this step brings the store to (1, 2, …, no gaps).</param>
/// <param name="Description">What the step does.</param>
/// <param name="Sql">The SQL, for both dialects unless <paramref name="PostgresSql"/> is given.</param>
/// <param name="PostgresSql">The PostgreSQL text, when it differs.</param>
public sealed record StoreMigration(int Version, string Description, string Sql, string? PostgresSql = null)
{
    /// <summary>The SQL for a dialect.</summary>
    public string For(StoreKind kind) => kind == StoreKind.Postgres && PostgresSql is not null ? PostgresSql : Sql;
}
