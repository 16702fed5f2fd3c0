using System.Data.Common;
using ChitLaq.Grains.Abstractions.Errors;

namespace ChitLaq.Grains.Errors;

/// <summary>
/// Every grain call passes here: a transient database failure leaves as a
/// <see cref="DatabaseUnavailableException"/>, which crosses silos intact, so the API can tell an
/// outage (503 + Retry-After) from a bug (500) wherever the grain ran. Other exceptions pass as they are.
/// </summary>
public sealed class DatabaseErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (DbException db) when (DatabaseErrors.IsTransient(db))
        {
            throw new DatabaseUnavailableException(db.SqlState, db);
        }
    }
}
