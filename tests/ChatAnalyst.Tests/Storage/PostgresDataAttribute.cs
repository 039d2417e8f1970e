using System.Reflection;
using Xunit.Sdk;

namespace ChatAnalyst.Tests.Storage;

/// <summary>
/// The <c>"Postgres"</c> row of a theory that runs once per storage back-end (next to <c>[InlineData("Sqlite", …)]</c>),
/// followed by <see cref="Arguments"/>. Without a PostgreSQL server the row is skipped with a message that says so.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute(params object?[] arguments)
    {
        Arguments = arguments ?? [null];
        Skip = TestPostgres.SkipReason;
    }

    /// <summary>The theory's arguments after the provider name.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) => [["Postgres", .. Arguments]];
}
