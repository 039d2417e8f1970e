using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatAnalyst.Tests.Bot;

/// <summary>
/// A logger provider that keeps every entry the host logs (at the levels its configuration lets through), with the
/// scopes it was written in (the host's shared scopes, as any provider sees them).
/// </summary>
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<LogEntry> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            capture._scopes?.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
            capture._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception) { Scopes = scopes });
        }
    }
}

/// <summary>One captured log entry.</summary>
internal sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception)
{
    /// <summary>The scopes the entry was written in, outermost first, as text.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? string.Empty : "\n" + Exception)}";
}
