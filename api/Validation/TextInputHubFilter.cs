using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Validation;

/// <summary>
/// The hub's counterpart of <see cref="TextInputEndpointFilter"/>: an invocation carrying text
/// <see cref="TextInput"/> refuses fails with <c>validation_failed: …</c> naming the argument;
/// the connection stays open.
/// </summary>
public sealed class TextInputHubFilter : IHubFilter
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.MethodInfo, string[]> ParameterNames = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Names per hub method, read once (GetParameters copies its array on every call, and this runs on every send).
        var names = ParameterNames.GetOrAdd(invocation.HubMethod,
            method => method.GetParameters().Select((p, i) => p.Name ?? $"argument{i}").ToArray());
        Dictionary<string, string[]>? errors = null;
        for (var i = 0; i < names.Length && i < invocation.HubMethodArguments.Count; i++)
            TextInputFields.Check(names[i], invocation.HubMethodArguments[i], ref errors);
        if (errors is not null)
            throw new HubException("validation_failed: " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return next(invocation);
    }
}
