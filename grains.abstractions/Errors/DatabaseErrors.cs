using System.Data.Common;

namespace ChitLaq.Grains.Abstractions.Errors;

/// <summary>
/// Which database failures are outages (answer 503 + Retry-After: the client may try again)
/// and which are bugs (answer 500 and get logged). Transient: the connection could not be made
/// or was lost, a timeout, the server shutting down or failing over, too many connections,
/// serialization failures and deadlocks. Anything else — a constraint, a type, a value the
/// server refuses — means our code sent something it should not have.
/// </summary>
public static class DatabaseErrors
{
    // SQLSTATE classes and codes (PostgreSQL appendix A) that say "try again later".
    private static readonly string[] TransientClasses = ["08", "53", "57P"];
    private static readonly string[] TransientCodes = ["40001", "40P01", "55P03", "57014"];

    public static bool IsTransient(DbException exception) =>
        exception.IsTransient
        || SqlState(exception) is { } state
            && (TransientCodes.Contains(state) || TransientClasses.Any(prefix => state.StartsWith(prefix, StringComparison.Ordinal)));

    // A server error names its SQLSTATE; after crossing a grain call only the message survives
    // for sure, and the server's message starts with it ("57P01: terminating connection …").
    private static string? SqlState(DbException exception)
    {
        if (exception.SqlState is { Length: 5 } state) return state;
        var message = exception.Message;
        return message.Length > 6 && message[5] == ':' && message[..5].All(char.IsAsciiLetterOrDigit) ? message[..5] : null;
    }
}
