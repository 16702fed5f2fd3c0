using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChitLaq.Api.Validation;

/// <summary>
/// Finds every string an endpoint or hub method was given — plain string parameters, strings
/// and string lists inside the API's own request records, nested ones too — and reports the
/// ones <see cref="TextInput"/> refuses, by the name the client used (JSON camelCase, or the
/// query/route name). Readers per type are built once; nothing is allocated unless a field is refused.
/// </summary>
public static class TextInputFields
{
    private const int MaxDepth = 4;
    private static readonly ConcurrentDictionary<Type, PropertyReader[]> Readers = new();

    private sealed record PropertyReader(string Name, Func<object, object?> Get);

    /// <summary>Adds problems of <paramref name="value"/> (named <paramref name="name"/>) to <paramref name="errors"/>, creating it on the first.</summary>
    public static void Check(string name, object? value, ref Dictionary<string, string[]>? errors) => Check(name, value, ref errors, 0);

    private static void Check(string name, object? value, ref Dictionary<string, string[]>? errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (TextInput.Problem(text) is { } problem) Add(ref errors, name, problem);
                return;
            case IEnumerable<string?> texts:
                var index = 0;
                foreach (var text in texts)
                {
                    if (text is not null && TextInput.Problem(text) is { } itemProblem) Add(ref errors, $"{name}[{index}]", itemProblem);
                    index++;
                }
                return;
        }
        if (depth >= MaxDepth || !IsRequestRecord(value.GetType())) return;
        foreach (var property in Readers.GetOrAdd(value.GetType(), ReadersOf))
            Check(depth == 0 && name.Length == 0 ? property.Name : $"{name}.{property.Name}", property.Get(value), ref errors, depth + 1);
    }

    private static void Add(ref Dictionary<string, string[]>? errors, string name, string problem) =>
        (errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal)).TryAdd(name, [problem]);

    /// <summary>Whether values of this type may carry client text worth looking into.</summary>
    public static bool MayCarryText(Type type) =>
        type == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(type) || IsRequestRecord(type);

    // Only the API's own types: services, HttpContext and the like are never client text.
    private static bool IsRequestRecord(Type type) =>
        type.IsClass && type.Namespace?.StartsWith("ChitLaq.Api", StringComparison.Ordinal) == true;

    private static PropertyReader[] ReadersOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && MayCarryText(p.PropertyType))
            .Select(p => new PropertyReader(JsonName(p), p.GetValue))
            .ToArray();

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
