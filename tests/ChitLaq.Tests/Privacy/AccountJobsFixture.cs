using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Privacy;

/// <summary>
/// A host of its own per test class, with a clock the tests move (past a grace period or a
/// download period) and job polling fast enough that a job due after the move starts at once.
/// </summary>
public sealed class AccountJobsFixture : PostgresAppFixture
{
    public AdjustableTimeProvider Clock { get; } = new();

    protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) =>
        app.WithClock(Clock).WithSetting("Accounts:PollInterval", "00:00:00.5");
}
