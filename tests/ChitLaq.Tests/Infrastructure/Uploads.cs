using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChitLaq.Api.Posts;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>Uploading files the way a browser form does.</summary>
public static class Uploads
{
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient http, byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return http.PostAsync("/api/v1/media", form);
    }

    public static async Task<MediaDto> UploadOkAsync(this HttpClient http, byte[] bytes, string fileName = "photo.jpg")
    {
        var response = await http.UploadAsync(bytes, fileName);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MediaDto>())!;
    }
}
