using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>An Orleans client of a Redis-clustered ChitLaq cluster, for looking at its membership.</summary>
public sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterObserver> StartAsync(string redis, string clusterId)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis))
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = clusterId;
                }))
            .Build();
        await host.StartAsync();
        return new ClusterObserver(host);
    }

    /// <summary>The silos the cluster's membership table lists as active.</summary>
    public async Task<int> ActiveSiloCountAsync() =>
        (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
