using Microsoft.Data.Sqlite;

namespace ChatAnalyst.Bot.State;

/// <summary>
/// Rows of another table in the same SQLite file that go into the transaction of the next bot-state write made in this
/// async flow (the turn's answer record), so a turn commits once instead of twice. The write that takes it
/// (<see cref="SqliteBotStorage.WriteAsync"/>) runs it before its commit and marks it <see cref="Written"/> once
/// committed; if either part fails, neither is written.
/// </summary>
public sealed class JoinedWrite(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task> write)
{
    private static readonly AsyncLocal<JoinedWrite?> Current = new();

    /// <summary>True once the rows were committed together with the bot state.</summary>
    public bool Written { get; private set; }

    /// <summary>Offers <paramref name="joined"/> to the bot-state writes in this async flow until the scope is disposed.</summary>
    public static IDisposable Offer(JoinedWrite joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        Current.Value = joined;
        return new Scope();
    }

    /// <summary>The write offered in this flow and not written yet, if any.</summary>
    internal static JoinedWrite? Pending => Current.Value is { Written: false } joined ? joined : null;

    internal Task RunAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        write(connection, transaction, cancellationToken);

    internal void Committed() => Written = true;

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}
