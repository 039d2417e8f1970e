using System.Net.Sockets;
using Npgsql;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Tells a PostgreSQL server that is briefly out of reach (restarting, shutting down, a dropped connection) from a
/// real fault, so callers can report it in one line and ask the user to try again instead of failing the turn hard.
/// </summary>
public static class PostgresFaults
{
    /// <summary>True when the exception (or one it wraps) says the server could not be reached or dropped the connection.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // admin_shutdown, crash_shutdown, cannot_connect_now (57P0x) and connection exceptions (08xxx).
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.IsTransient;
                case NpgsqlException npgsql when npgsql.InnerException is IOException or SocketException or TimeoutException:
                    return true;
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>One line naming the fault, for the log: the innermost message, without a stack trace.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            message += " (" + current.Message + ")";
        }

        return message.ReplaceLineEndings(" ");
    }
}
