using System.Text.Json;

namespace ChitLaq.Tests.Fuzzing;

/// <summary>An operation of the API as its OpenAPI document describes it.</summary>
public sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, BodyKind Body, JsonElement? BodySchema)
{
    public override string ToString() => $"{Method} {Path}";
}

public sealed record Parameter(string Name, string In, bool Numeric);

public enum BodyKind { None, Json, Multipart }

/// <summary>Reads the operations (and resolves schema references) from <c>/openapi/v1.json</c>.</summary>
public sealed class OpenApiOperations(JsonElement document)
{
    public IReadOnlyList<Operation> All { get; } = Read(document);

    /// <summary>The schema itself, or the component a <c>$ref</c> names.</summary>
    public JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static List<Operation> Read(JsonElement document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var parameters = operation.Value.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                    p.TryGetProperty("schema", out var schema) && Types(schema).Contains("integer"))).ToList()
                : [];
            var (body, bodySchema) = BodyOf(operation.Value);
            operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, parameters, body, bodySchema));
        }
        return operations;
    }

    private static (BodyKind, JsonElement?) BodyOf(JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body)) return (BodyKind.None, null);
        var content = body.GetProperty("content");
        if (content.TryGetProperty("application/json", out var json)) return (BodyKind.Json, json.GetProperty("schema"));
        return content.TryGetProperty("multipart/form-data", out _) ? (BodyKind.Multipart, null) : (BodyKind.None, null);
    }

    /// <summary>The type names a schema allows (OpenAPI 3.1 lists several, e.g. ["null","integer","string"]).</summary>
    public static IReadOnlyList<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
        : [type.GetString()!];
}
