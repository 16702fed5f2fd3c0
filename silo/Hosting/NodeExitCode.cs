namespace ChitLaq.Silo.Hosting;

/// <summary>
/// The code the process ends with. A node that stops itself for a reason its supervisor should
/// restart it for (compose's restart policy, systemd's Restart=on-failure) sets it non-zero.
/// </summary>
public sealed class NodeExitCode
{
    /// <summary>EX_TEMPFAIL (sysexits.h): a temporary failure, try again later.</summary>
    public const int TemporaryFailure = 75;

    public int Value { get; private set; }

    public void Set(int code) => Value = code;
}
