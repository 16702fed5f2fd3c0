using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Validation;

/// <summary>
/// The hub's counterpart of <see cref="TextInputEndpointFilter"/>: an invocation carrying text
/// <see cref="TextInput"/> refuses fails with <c>validation_failed: …</c> naming the argument;
/// the connection stays open.
/// </summary>
public sealed class TextInputHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var parameters = invocation.HubMethod.GetParameters();
        Dictionary<string, string[]>? errors = null;
        for (var i = 0; i < parameters.Length && i < invocation.HubMethodArguments.Count; i++)
            TextInputFields.Check(parameters[i].Name ?? $"argument{i}", invocation.HubMethodArguments[i], ref errors);
        if (errors is not null)
            throw new HubException("validation_failed: " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return next(invocation);
    }
}
