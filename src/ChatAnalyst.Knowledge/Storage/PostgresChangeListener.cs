using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatAnalyst.Knowledge.Storage;

/// <summary>
/// Keeps one instance's idea of a content version in step with the database without asking it on every read: a
/// dedicated connection LISTENs on a channel that every write NOTIFYs (payload: the new version) in its transaction, so
/// the notification arrives only once the write is committed. After every (re)connect the version is read from the
/// database, which covers notifications lost while disconnected; while disconnected <see cref="KnownVersion"/> is null
/// and callers read the database themselves. A quiet connection is checked the same way every
/// <see cref="QuietCheckInterval"/>, so a half-open socket cannot leave an instance stale for long.
/// </summary>
internal sealed class PostgresChangeListener : IAsyncDisposable
{
    /// <summary>How long the connection may stay silent before the version is read again (also a liveness check).</summary>
    internal static readonly TimeSpan QuietCheckInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly string _versionSql;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _startLock = new();
    private Task? _loop;
    private long _version = -1;
    private volatile bool _listening;
    private int _disposed;

    /// <param name="dataSource">Where to listen.</param>
    /// <param name="channel">The NOTIFY channel (a plain identifier).</param>
    /// <param name="versionSql">A query returning the current version as one bigint.</param>
    /// <param name="logger">Where lost connections are reported.</param>
    public PostgresChangeListener(NpgsqlDataSource dataSource, string channel, string versionSql, ILogger logger)
    {
        _dataSource = dataSource;
        _channel = channel;
        _versionSql = versionSql;
        _logger = logger;
    }

    /// <summary>The newest version seen while listening, or null when not listening (read the database instead).</summary>
    public long? KnownVersion => _listening ? Interlocked.Read(ref _version) : null;

    /// <summary>Starts listening in the background (once); returns at once.</summary>
    public void Start()
    {
        lock (_startLock)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Records a version this instance wrote itself, so its own reads see it before the notification arrives.</summary>
    public void Advance(long version)
    {
        var seen = Interlocked.Read(ref _version);
        while (version > seen)
        {
            var previous = Interlocked.CompareExchange(ref _version, version, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The service provider may dispose the index twice (as itself and as IKnowledgeIndex); only the first stops the loop.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                // An outage (a restart) is expected and retried: one line, no stack trace.
                _logger.LogWarning("Lost the PostgreSQL change notifications on '{Channel}'; reconnecting (reads ask the database meanwhile): {Message}", _channel, PostgresFaults.Describe(ex));
            }
            finally
            {
                _listening = false;
            }

            try
            {
                await Task.Delay(RetryDelay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(stopping);
        connection.Notification += (_, e) =>
        {
            if (long.TryParse(e.Payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
            {
                Advance(version);
            }
        };

        // Named so an operator (or a test) can find the listening session in pg_stat_activity.
        await using (var command = new NpgsqlCommand($"SET application_name = 'chatanalyst-listen-{_channel}'; LISTEN {_channel}", connection))
        {
            await command.ExecuteNonQueryAsync(stopping);
        }

        // Whatever was committed before LISTEN took effect (while disconnected, or before start) is in this version.
        await ReadVersionAsync(connection, stopping);
        _listening = true;
        while (true)
        {
            if (!await connection.WaitAsync(QuietCheckInterval, stopping))
            {
                await ReadVersionAsync(connection, stopping);
            }
        }
    }

    private async Task ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_versionSql, connection);
        Advance(Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
    }
}
