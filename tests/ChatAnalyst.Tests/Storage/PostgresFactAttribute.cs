namespace ChatAnalyst.Tests.Storage;

/// <summary>
/// A test against a real PostgreSQL server (<see cref="TestPostgres"/>). Without one it is skipped with a message that
/// says so, never passed silently or run against a fake.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestPostgres.SkipReason;
}
