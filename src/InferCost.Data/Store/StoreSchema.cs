using System.Collections.Immutable;

namespace InferCost.Data.Store;

/// <summary>
/// The store's schema as a versioned list of steps. Never edit a released step: add the next one. Times are stored
/// as ISO-8601 UTC text, ids as text, so both dialects share their SQL.
/// </summary>
public static class StoreSchema
{
    /// <summary>Every step, in version order.</summary>
    public static ImmutableArray<StoreMigration> Migrations { get; } =
    [
        new(1, "saved scenarios", """
            CREATE TABLE scenarios (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                yaml TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX scenarios_by_name ON scenarios (name);
            """),
        new(2, "named comparisons", """
            CREATE TABLE comparisons (
                name TEXT PRIMARY KEY,
                models TEXT NOT NULL,
                shape TEXT NOT NULL,
                input BIGINT NOT NULL,
                output BIGINT NOT NULL,
                cached BIGINT NOT NULL,
                requests BIGINT,
                batch INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """),
        new(3, "share links", """
            CREATE TABLE share_links (
                code TEXT PRIMARY KEY,
                target TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            );
            """),
    ];

    /// <summary>The version a store has once every step ran.</summary>
    public static int Latest => Migrations[^1].Version;
}
