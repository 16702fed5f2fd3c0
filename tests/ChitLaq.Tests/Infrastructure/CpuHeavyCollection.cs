namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// Tests that keep both cores busy for seconds (the fuzzer's thousands of requests, hundreds of
/// password hashes): run on their own, after the parallel ones, so that tests with timed browser
/// or realtime expectations running beside them are not starved (a web-client journey once missed
/// its 5 s expectation while the fuzzer ran).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuHeavyCollection
{
    public const string Name = "cpu-heavy";
}
