using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace ChitLaq.Tests.Fuzzing;

/// <summary>One generated request, ready to send and to print when it finds a bug.</summary>
public sealed record FuzzRequest(string Caller, string Method, string Url, string? ContentType, byte[]? Body, IReadOnlyList<(string Name, string Value)> Headers)
{
    public HttpRequestMessage ToMessage(string? accessToken)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (accessToken is not null) message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + accessToken);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers)
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return $"[{Caller}] {Method} {(Url.Length > 300 ? Url[..300] + "…" : Url)} ({ContentType}, {Body?.Length ?? 0} bytes) {body}"
            + string.Concat(Headers.Select(h => $"\n    {h.Name}: {(h.Value.Length > 80 ? h.Value[..80] + "…" : h.Value)}"));
    }
}

/// <summary>
/// Requests for every operation of the OpenAPI document: shaped by its schemas, then mutated —
/// wrong types, missing and extra fields, hostile strings, boundary numbers, deep nesting, broken
/// JSON and bytes, other content types, other methods, odd headers — from each kind of caller.
/// Path values are mostly real ids (so requests reach the grains) and otherwise hostile text.
/// </summary>
public sealed class FuzzRequests(OpenApiOperations api, IReadOnlyDictionary<string, string[]> knownValues, IReadOnlyList<string> callers)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    private const int MaxSchemaDepth = 6;

    public Gen<FuzzRequest> All => Gen.OneOfConst(api.All.ToArray()).SelectMany(Request);

    private Gen<FuzzRequest> Request(Operation operation) =>
        Gen.Select(
            Gen.OneOfConst(callers.ToArray()),
            Gen.Frequency((9, Gen.Const(operation.Method)), (1, Gen.OneOfConst(Methods))),
            Url(operation),
            Body(operation),
            Headers)
        .Select((caller, method, url, body, headers) => new FuzzRequest(caller, method, url, body.ContentType, body.Bytes, headers));

    private Gen<string> Url(Operation operation)
    {
        var path = operation.Parameters.Where(p => p.In == "path")
            .Aggregate(Gen.Const(operation.Path), (gen, p) => Gen.Select(gen, PathValue(p)).Select((url, value) => url.Replace("{" + p.Name + "}", value)));
        var query = operation.Parameters.Where(p => p.In == "query")
            .Aggregate(Gen.Const(""), (gen, p) => Gen.Select(gen, Gen.Frequency((2, Gen.Const((string?)null)), (3, QueryValue(p).Select(v => (string?)v))))
                .Select((q, value) => value is null ? q : $"{q}&{p.Name}={value}"));
        var junk = Gen.Frequency((9, Gen.Const("")), (1, HostileValues.RawUrlJunk.Select(j => "&x=" + j)));
        return Gen.Select(path, query, junk).Select((p, q, j) => q.Length + j.Length == 0 ? p : p + "?" + (q + j).TrimStart('&'));
    }

    private Gen<string> PathValue(Parameter parameter) =>
        knownValues.TryGetValue(parameter.Name, out var known)
            ? Gen.Frequency((3, Gen.OneOfConst(known)), (2, HostileValues.Text.Select(HostileValues.Url)), (1, HostileValues.RawUrlJunk))
            : Gen.Frequency((3, HostileValues.Text.Select(HostileValues.Url)), (1, HostileValues.RawUrlJunk));

    private Gen<string> QueryValue(Parameter parameter) =>
        knownValues.TryGetValue(parameter.Name, out var known)
            ? Gen.Frequency((2, Gen.OneOfConst(known)), (2, (parameter.Numeric ? HostileValues.NumberText : HostileValues.Text).Select(HostileValues.Url)))
            : (parameter.Numeric ? HostileValues.NumberText : HostileValues.Text).Select(HostileValues.Url);

    private Gen<(string? ContentType, byte[]? Bytes)> Body(Operation operation) => operation.Body switch
    {
        BodyKind.Json => Gen.Frequency(
            (7, Json(operation.BodySchema!.Value, 0).Select(json => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(json)))),
            (1, HostileValues.WrongJson.Select(json => ((string?)"application/json", (byte[]?)Encoding.UTF8.GetBytes(json)))),
            (1, BrokenBody)),
        BodyKind.Multipart => Gen.Frequency((4, Multipart), (1, BrokenBody)),
        _ => Gen.Frequency((6, Gen.Const(((string?)null, (byte[]?)null))), (1, BrokenBody)),
    };

    /// <summary>Not JSON, not the declared type, invalid UTF-8, truncated, empty, or larger than any limit.</summary>
    private static readonly Gen<(string? ContentType, byte[]? Bytes)> BrokenBody = Gen.Select(
            Gen.OneOfConst<string?>("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                "multipart/form-data; boundary=x", "application/xml", null),
            Gen.Frequency(
                (3, Gen.Byte.Array[0, 200]),
                (1, Gen.OneOfConst("{", "{\"text\":", "{\"text\": \"a\"", "[", "\"", "{\"a\" 1}", "{'a':1}", "{\"text\":\"hi\",}").Select(Encoding.UTF8.GetBytes)),
                (1, Gen.Const(new byte[] { 0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d })), // {"t":"<invalid UTF-8>"}
                (1, Gen.Const(Array.Empty<byte>())),
                (1, Gen.Const(Encoding.UTF8.GetBytes("{\"text\":\"" + new string('x', 2 * 1024 * 1024) + "\"}")))))
        .Select((type, bytes) => (type, (byte[]?)bytes));

    private static readonly byte[][] Magic =
    [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF, 0xE0], "GIF89a"u8.ToArray(), "RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), "<html>"u8.ToArray(), [],
    ];

    /// <summary>multipart/form-data uploads: real small images, image headers over garbage, other field names, no file.</summary>
    private static readonly Gen<(string? ContentType, byte[]? Bytes)> Multipart = Gen.Select(
            Gen.Frequency(
                (1, Gen.Int[1, 64].Select(side => Infrastructure.TestImages.Png(side, side))),
                (3, Gen.Select(Gen.OneOfConst(Magic), Gen.Byte.Array[0, 512]).Select((magic, rest) => magic.Concat(rest).ToArray()))),
            Gen.Frequency((5, Gen.Const("file")), (1, Gen.OneOfConst("image", "file\0", "files[]", "fi le"))),
            Gen.OneOfConst("photo.png", "photo.jpg", "../../etc/passwd", "\u202egnp.exe", "x\u0000.png", new string('a', 1000)),
            Gen.OneOfConst("image/png", "image/jpeg", "text/html", "application/octet-stream", ""))
        .Select((bytes, field, fileName, partType) =>
        {
            // Written by hand: the framework's builder refuses the hostile names this is meant to send.
            var head = Encoding.UTF8.GetBytes($"--fuzz-boundary\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\n"
                + (partType.Length > 0 ? $"Content-Type: {partType}\r\n" : "") + "\r\n");
            var tail = "\r\n--fuzz-boundary--\r\n"u8.ToArray();
            return ((string?)"multipart/form-data; boundary=fuzz-boundary", (byte[]?)[.. head, .. bytes, .. tail]);
        });

    private static readonly Gen<IReadOnlyList<(string, string)>> Headers = Gen.OneOfConst<(string, string)>(
            ("Accept", "application/xml"), ("Accept", "*/*;q=0.1, text/html"), ("Accept-Language", "zz-ZZ;q=2"), ("Accept-Encoding", "br, gzip, x"),
            ("X-Forwarded-For", "not-an-ip"), ("X-Forwarded-For", "1.2.3.4, ::1, 999.1.1.1"), ("X-Forwarded-Proto", "gopher"),
            ("If-None-Match", "\"x\", W/\"y\""), ("If-Modified-Since", "yesterday"), ("Range", "bytes=5-1"), ("Origin", "https://evil.example"),
            ("Cookie", "a=b; c"), ("User-Agent", new string('u', 4000)), ("Content-Encoding", "gzip"), ("Expect", "100-continue"),
            ("Authorization-Extra", "Bearer x"), ("X-HTTP-Method-Override", "DELETE"))
        .List[0, 3].Select(list => (IReadOnlyList<(string, string)>)list);

    /// <summary>JSON text shaped by <paramref name="schema"/>, with fields left out, added, or of the wrong type.</summary>
    private Gen<string> Json(JsonElement schema, int depth)
    {
        schema = api.Resolve(schema);
        var types = OpenApiOperations.Types(schema);
        if (depth > MaxSchemaDepth) return Gen.Const("null");
        Gen<string> shaped;
        if (types.Contains("object") && schema.TryGetProperty("properties", out var properties))
            shaped = Object(properties, depth);
        else if (types.Contains("array"))
            shaped = (schema.TryGetProperty("items", out var items) ? Json(items, depth + 1) : HostileValues.WrongJson)
                .Array[0, 6].Select(values => "[" + string.Join(",", values) + "]");
        else if (types.Contains("integer") || types.Contains("number"))
            shaped = HostileValues.NumberJson;
        else if (types.Contains("boolean"))
            shaped = Gen.OneOfConst("true", "false");
        else
            shaped = HostileValues.Text.Select(HostileValues.String);
        return types.Contains("null")
            ? Gen.Frequency((8, shaped), (1, Gen.Const("null")), (1, HostileValues.WrongJson))
            : Gen.Frequency((9, shaped), (1, HostileValues.WrongJson));
    }

    private Gen<string> Object(JsonElement properties, int depth)
    {
        var fields = properties.EnumerateObject()
            .Select(p => Gen.Frequency((4, Json(p.Value, depth + 1).Select(v => (string?)$"{HostileValues.String(p.Name)}:{v}")), (1, Gen.Const((string?)null))))
            .ToList();
        var extra = Gen.Frequency((4, Gen.Const((string?)null)),
            (1, Gen.Select(HostileValues.Text, HostileValues.WrongJson).Select((name, value) => (string?)$"{HostileValues.String(name)}:{value}")));
        return fields.Aggregate(extra.Select(e => e is null ? new List<string>() : new List<string> { e }),
                (gen, field) => Gen.Select(gen, field).Select((list, f) => f is null ? list : [.. list, f]))
            .Select(list => "{" + string.Join(",", list) + "}");
    }
}
