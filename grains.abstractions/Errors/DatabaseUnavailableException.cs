namespace ChitLaq.Grains.Abstractions.Errors;

/// <summary>
/// A grain call failed because the database was briefly out of reach (see
/// <see cref="DatabaseErrors.IsTransient"/>): nothing was written, the caller may retry. Grains'
/// database exceptions do not cross silos (Npgsql's types have no Orleans codec), so transient
/// ones are turned into this at the grain boundary, and the API answers it 503.
/// </summary>
[GenerateSerializer, Alias("chitlaq.errors.database-unavailable")]
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException(string? sqlState, Exception? inner = null)
        : base("The database is briefly unavailable" + (sqlState is null ? "." : $" ({sqlState})."), inner) => SqlState = sqlState;

    [Id(0)] public string? SqlState { get; }
}
