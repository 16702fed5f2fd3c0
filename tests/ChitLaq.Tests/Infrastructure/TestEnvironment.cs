namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and Redis of a test run are. deploy/local/test.sh (and so .ci/run)
/// starts both and exports these variables; a test that needs one fails loudly without it —
/// it never skips silently.
/// </summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "CHITLAQ_TEST_POSTGRES";
    public const string RedisVariable = "CHITLAQ_TEST_REDIS";
    public const string S3Variable = "CHITLAQ_TEST_S3";

    /// <summary>A superuser connection string (no database) for creating per-test databases.</summary>
    public static string PostgresAdminConnectionString => Required(PostgresVariable);

    public static string RedisConnectionString => Required(RedisVariable);

    /// <summary>The S3-compatible store test.sh starts (s3rver), with its bucket <see cref="S3Bucket"/> and fixed keys.</summary>
    public static string S3ServiceUrl => Required(S3Variable);
    public const string S3Bucket = "chitlaq-test";
    public const string S3Key = "S3RVER";

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with ./deploy/local/test.sh, which starts PostgreSQL and Redis and sets it.");
}
