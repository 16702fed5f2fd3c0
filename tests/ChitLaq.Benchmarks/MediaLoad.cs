using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;

namespace ChitLaq.Benchmarks;

/// <summary>
/// Upload-to-URL time for phone-sized photos (≈3 MB JPEGs, 4032×3024) against a running node:
/// POST /media until the 201 with its URL, then the first GET of that URL. Prints the feed URL of
/// the last upload for tests/load/media-load.sh to serve under load.
/// </summary>
public static class MediaLoad
{
    public static async Task<int> RunAsync(Uri baseUrl, string mailDir, string[] args)
    {
        var uploads = args.Length > 0 ? int.Parse(args[0]) : 20;
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var (_, token) = (await FeedLoad.SetUpUsers(http, mailDir, 1))[0];
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var toUrl = new List<double>();
        var firstGet = new List<double>();
        long totalBytes = 0;
        string? feedUrl = null;
        for (var i = 0; i < uploads + 2; i++)
        {
            var photo = Photo(4032, 3024, seed: i);
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "IMG_" + i + ".jpg");

            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync("/api/v1/media", form);
            response.EnsureSuccessStatusCode();
            var media = await response.Content.ReadFromJsonAsync<JsonElement>();
            var uploaded = watch.Elapsed.TotalMilliseconds;
            using var get = await http.GetAsync(media.GetProperty("url").GetString());
            get.EnsureSuccessStatusCode();
            await get.Content.ReadAsByteArrayAsync();
            if (i >= 2) // the first two warm the node up (JIT, Skia's native library)
            {
                toUrl.Add(uploaded);
                firstGet.Add(watch.Elapsed.TotalMilliseconds - uploaded);
                totalBytes += photo.Length;
            }
            feedUrl = media.GetProperty("feedUrl").GetString();
        }
        Console.WriteLine($"photos: 4032×3024 JPEG, mean {totalBytes / uploads / 1024.0 / 1024.0:F2} MiB");
        Latencies.Report("upload → 201 with URL", toUrl);
        Latencies.Report("first GET of the stored original", firstGet);
        Console.WriteLine($"FEED_URL {feedUrl}");
        return 0;
    }

    /// <summary>A camera-like photo: smooth gradients with sensor-like noise (compresses to ≈3 MB at quality 92).</summary>
    private static byte[] Photo(int width, int height, int seed)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new byte[width * height * 4];
        var random = new Random(seed);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 4;
            var noise = random.Next(24);
            pixels[i] = (byte)Math.Clamp(x * 200 / width + noise + seed, 0, 255);
            pixels[i + 1] = (byte)Math.Clamp(y * 200 / height + noise, 0, 255);
            pixels[i + 2] = (byte)Math.Clamp((x + y) * 120 / (width + height) + noise, 0, 255);
            pixels[i + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }
}
