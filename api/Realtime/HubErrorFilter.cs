using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Realtime;

/// <summary>
/// Outermost hub filter: what a hub method refuses on purpose (a <see cref="HubException"/> with a
/// code) goes back to the caller and is not an error in the log; a node leaving mid-call becomes
/// <c>service_unavailable</c> (the client may retry); anything else is a bug, logged once at Error
/// with the method and answered <c>internal_error</c> without internals. SignalR's own dispatcher
/// logs every failed invocation at Error, so the silo holds that category back (see LoggingSetup).
/// </summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception ex) when (TransientClusterErrors.IsTransient(ex) || ex is Grains.Abstractions.Errors.DatabaseUnavailableException)
        {
            logger.LogWarning(ex, "Hub method {Method} hit a transient failure", invocation.HubMethodName);
            throw new HubException("service_unavailable: try again in a moment");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed (trace {TraceId})", invocation.HubMethodName,
                System.Diagnostics.Activity.Current?.TraceId.ToString());
            throw new HubException("internal_error: an unexpected error occurred");
        }
    }
}
