using Npgsql;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>A transaction with appended events, held open by a test.</summary>
public sealed class HeldAppend(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    public Task CommitAsync() => transaction.CommitAsync();

    public Task RollbackAsync() => transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
