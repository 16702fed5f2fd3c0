using System.Net;

namespace ChitLaq.Silo.Hosting;

/// <summary>
/// The settings a node needs before anything is built (Orleans clustering and storage are chosen
/// while the host is being composed). Read once from configuration and validated here, so that a
/// node with a bad setting stops at start-up with a message naming the key.
/// </summary>
public sealed record NodeSettings(
    string PostgresConnectionString,
    string? RedisConnectionString,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    IPAddress AdvertisedAddress)
{
    public const string DefaultClusterId = "chitlaq";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public bool UsesRedisClustering => !string.IsNullOrWhiteSpace(RedisConnectionString);

    public static NodeSettings From(IConfiguration configuration)
    {
        var problems = new List<string>();

        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
            problems.Add("ConnectionStrings:Postgres is required (an Npgsql connection string).");

        var redis = configuration.GetConnectionString("Redis");
        var siloPort = ReadPort(configuration, "Orleans:Endpoints:SiloPort", DefaultSiloPort, problems);
        var gatewayPort = ReadPort(configuration, "Orleans:Endpoints:GatewayPort", DefaultGatewayPort, problems);
        if (siloPort == gatewayPort)
            problems.Add("Orleans:Endpoints:SiloPort and Orleans:Endpoints:GatewayPort must differ.");

        var advertisedText = configuration["Orleans:Endpoints:AdvertisedIPAddress"];
        var advertised = IPAddress.Loopback;
        if (!string.IsNullOrWhiteSpace(advertisedText) && !IPAddress.TryParse(advertisedText, out advertised!))
            problems.Add($"Orleans:Endpoints:AdvertisedIPAddress '{advertisedText}' is not an IP address.");

        if (problems.Count > 0)
            throw new InvalidOperationException("ChitLaq cannot start: " + string.Join(" ", problems));

        return new NodeSettings(
            postgres!,
            string.IsNullOrWhiteSpace(redis) ? null : redis,
            NonEmpty(configuration["Orleans:ClusterId"], DefaultClusterId),
            NonEmpty(configuration["Orleans:ServiceId"], DefaultClusterId),
            siloPort,
            gatewayPort,
            advertised ?? IPAddress.Loopback);
    }

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private static int ReadPort(IConfiguration configuration, string key, int fallback, List<string> problems)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, out var port) && port is > 0 and < 65536) return port;
        problems.Add($"{key} '{text}' is not a TCP port.");
        return fallback;
    }
}
