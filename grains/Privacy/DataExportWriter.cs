using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Media;
using Npgsql;

namespace ChitLaq.Grains.Privacy;

/// <summary>
/// Writes one user's data export: a zip of JSON files (<see cref="ExportContents"/>), the profile
/// and the uploaded images, streamed row by row from the tables so that memory stays flat however
/// much a student has written.
/// </summary>
public sealed class DataExportWriter(NpgsqlDataSource database, IMediaStore media, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(Stream destination, MeView me, CancellationToken cancellation)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        await WriteEntryAsync(zip, "README.txt", stream => stream.WriteAsync(Encoding.UTF8.GetBytes(Readme(me)), cancellation).AsTask());
        await WriteEntryAsync(zip, "profile.json", stream => JsonSerializer.SerializeAsync(stream, Profile(me), Json, cancellation));
        foreach (var table in ExportContents.Tables)
            await WriteEntryAsync(zip, table.FileName, stream => WriteRowsAsync(stream, table.Sql, me.Profile.Id, cancellation));
        await CopyMediaAsync(zip, me.Profile.Id, cancellation);
    }

    private static object Profile(MeView me) => new
    {
        id = me.Profile.Id, handle = me.Profile.Handle, displayName = me.Profile.DisplayName, bio = me.Profile.Bio,
        email = me.Email, emailVerified = me.EmailVerified, university = me.Profile.University, major = me.Profile.Major,
        graduationYear = me.Profile.GraduationYear, avatarUrl = me.Profile.AvatarUrl, locked = me.Profile.Locked,
        defaultAudience = me.DefaultAudience, roles = me.Roles, createdAt = me.Profile.CreatedAt,
        followersCount = me.Profile.FollowersCount, followingCount = me.Profile.FollowingCount, postsCount = me.Profile.PostsCount,
    };

    private string Readme(MeView me)
    {
        var text = new StringBuilder()
            .AppendLine($"ChitLaq data export of @{me.Profile.Handle}, made {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC.")
            .AppendLine("Times are ISO-8601 UTC. Ids are the ones the ChitLaq API uses.")
            .AppendLine()
            .AppendLine("profile.json: your profile and account settings.");
        foreach (var table in ExportContents.Tables) text.AppendLine($"{table.FileName}: {table.Description}");
        return text.AppendLine("media/: your uploaded images.").ToString();
    }

    private async Task WriteRowsAsync(Stream stream, string sql, string userId, CancellationToken cancellation)
    {
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            writer.WriteStartObject();
            for (var i = 0; i < reader.FieldCount; i++) WriteValue(writer, reader, i);
            writer.WriteEndObject();
            if (writer.BytesPending > 64 * 1024) await writer.FlushAsync(cancellation);
        }
        writer.WriteEndArray();
        await writer.FlushAsync(cancellation);
    }

    private static void WriteValue(Utf8JsonWriter writer, NpgsqlDataReader reader, int i)
    {
        var name = reader.GetName(i);
        if (reader.IsDBNull(i)) { writer.WriteNull(name); return; }
        switch (reader.GetValue(i))
        {
            case string text when reader.GetDataTypeName(i) is "json" or "jsonb":
                writer.WritePropertyName(name);
                writer.WriteRawValue(text, skipInputValidation: true);
                break;
            case string text: writer.WriteString(name, text); break;
            case bool flag: writer.WriteBoolean(name, flag); break;
            case int number: writer.WriteNumber(name, number); break;
            case long number: writer.WriteNumber(name, number); break;
            case DateTime time: writer.WriteString(name, new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))); break;
            case DateTimeOffset time: writer.WriteString(name, time); break;
            case string[] items:
                writer.WriteStartArray(name);
                foreach (var item in items) writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            case var other: writer.WriteString(name, Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    private async Task CopyMediaAsync(ZipArchive zip, string userId, CancellationToken cancellation)
    {
        var files = new List<(string Name, string Key)>();
        await using (var command = database.CreateCommand(ExportContents.MediaFiles))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) files.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, key) in files)
        {
            await using var source = await media.OpenReadAsync(key, cancellation);
            if (source is null) continue; // removed meanwhile: media.json still lists it
            // Images are compressed already: stored, not deflated again.
            await WriteEntryAsync(zip, name, stream => source.CopyToAsync(stream, cancellation), CompressionLevel.NoCompression);
        }
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, Func<Stream, Task> write, CompressionLevel level = CompressionLevel.Optimal)
    {
        await using var stream = zip.CreateEntry(name, level).Open();
        await write(stream);
    }
}
