using ChatAnalyst.Knowledge.Feedback;
using ChatAnalyst.Knowledge.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatAnalyst.Bot.State;

/// <summary>
/// Creates the PostgreSQL conversation-state and feedback tables before the host answers its first request, so a
/// database the instance cannot reach or use stops it at start with one clear message, rather than failing the first
/// user's turn. SQLite tables are created on first use instead: a broken database file is already reported by the
/// knowledge loader (on <c>/readyz</c>), and the bot must still start to tell users so.
/// </summary>
internal sealed class StorageMigrationService(IStorage storage, IFeedbackStore feedback, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (storage is PostgresBotStorage postgres)
            {
                await postgres.InitializeAsync(cancellationToken);
            }

            if (feedback is PostgresFeedbackStore postgresFeedback)
            {
                await postgresFeedback.InitializeAsync(cancellationToken);
            }
        }
        catch (NpgsqlException e)
        {
            // Names the server and database, never the password.
            var target = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
            throw new InvalidOperationException(
                $"Could not prepare the PostgreSQL database {target.Database} on {target.Host}:{target.Port} " +
                $"(ConnectionStrings:{StorageOptions.ConnectionStringName}): {e.Message}. Check that the server is reachable and the user may create tables.",
                e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
