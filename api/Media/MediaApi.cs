using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Problems;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Grains.Abstractions.Media;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans.Concurrency;

namespace ChitLaq.Api.Media;

/// <summary>
/// POST /media: one image (multipart field <c>file</c>) from a verified account, at most 10 MiB,
/// rate-limited per user. The bytes decide the type; the node re-encodes and stores the image and
/// answers with its URLs. It can then be attached to a post (<c>mediaIds</c>) or set as the avatar.
/// </summary>
public static class MediaApi
{
    /// <summary>The file itself; the request may carry a little more for the multipart framing.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;
    private const long MaxRequestBytes = MaxFileBytes + 64 * 1024;

    public static RouteGroupBuilder MapMedia(this RouteGroupBuilder api)
    {
        api.MapPost("/media", Upload)
            .WithTags("Media")
            .RequireAuthorization(Policies.Publish)
            .RequireRateLimiting(RateLimitingSetup.MediaPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .DisableAntiforgery() // bearer tokens, not cookies: no cross-site form can carry one
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Upload a JPEG, PNG, WebP or GIF image (≤ 10 MiB); it is re-encoded without its metadata.");
        return api;
    }

    internal static async Task<Results<Created<MediaDto>, ValidationProblem, ProblemHttpResult>> Upload(
        HttpRequest request, ClaimsPrincipal caller, IGrainFactory grains, CancellationToken cancellation)
    {
        if (!request.HasFormContentType)
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                "Send the image as multipart/form-data.", "Put the image in a form field named 'file'.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellation);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellation.IsCancellationRequested)
        {
            // A body that says multipart but is not (bad boundary, truncated sections).
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, ProblemCodes.MalformedRequest,
                "The multipart form could not be read.", "Send the image as multipart/form-data with a field named 'file'.");
        }
        if (form.Files.GetFile("file") is not { } file)
            return ApiProblems.Validation("file", "Attach the image in a form field named 'file'.");
        if (file.Length > MaxFileBytes)
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
                "The image is too large.", $"Images may be at most {MaxFileBytes / (1024 * 1024)} MiB.");
        if (file.Length == 0) return ApiProblems.Validation("file", "The file is empty.");

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, cancellation);

        var result = await grains.GetGrain<IMediaUploadGrain>(0).Upload(caller.UserId()!, new Immutable<byte[]>(bytes));
        return result.Outcome switch
        {
            MediaUploadOutcome.Done => TypedResults.Created(result.Media!.Url, MediaDto.From(result.Media)),
            MediaUploadOutcome.UnsupportedType => ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                "Only JPEG, PNG, WebP and GIF images are accepted.", result.Detail),
            MediaUploadOutcome.TooManyPixels => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.ImageTooLarge,
                "The image has too many pixels.", result.Detail),
            _ => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidImage,
                "The image cannot be read.", result.Detail),
        };
    }
}
