using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ChitLaq.Grains.Media;

/// <summary>A processed upload: the stored original and its feed-sized variant, re-encoded.</summary>
public sealed record ProcessedImage(EncodedImage Original, EncodedImage Feed);

public sealed record EncodedImage(byte[] Bytes, ImageFormat Format, int Width, int Height);

/// <summary>Why an upload was refused (maps to the upload outcomes).</summary>
public enum ImageRejection { None, UnsupportedType, InvalidImage, TooManyPixels }

/// <summary>
/// Untrusted bytes in, clean images out, with SkiaSharp. The type comes from the bytes, the size
/// from the header — an image with more than <c>Media:MaxPixels</c> pixels (a huge photo or a
/// tiny file claiming a huge canvas, a decompression bomb) is refused before a pixel is decoded.
/// The image is then decoded (JPEGs large enough to be scaled down are decoded at reduced size),
/// turned upright by its EXIF orientation, and encoded afresh: nothing of the original file but
/// its pixels survives — no EXIF, no GPS position, no comments. GIFs keep their first frame, as PNG.
/// </summary>
public sealed class ImageProcessor(IOptions<MediaOptions> options)
{
    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);
    private readonly SemaphoreSlim _gate = new(options.Value.MaxConcurrentProcessing);
    private MediaOptions Options => options.Value;

    /// <summary>
    /// <see cref="Process"/> on the thread pool, at most <c>Media:MaxConcurrentProcessing</c> at once
    /// per node: a burst of 12-megapixel photos queues instead of taking every core from chat and feeds.
    /// </summary>
    public async Task<(ProcessedImage? Image, ImageRejection Rejection, string? Detail)> ProcessAsync(byte[] bytes)
    {
        await _gate.WaitAsync();
        try
        {
            return await Task.Run(() => Process(bytes));
        }
        finally
        {
            _gate.Release();
        }
    }

    private (ProcessedImage? Image, ImageRejection Rejection, string? Detail) Process(byte[] bytes)
    {
        var sniffed = ImageFormat.Sniff(bytes);
        if (sniffed is null) return (null, ImageRejection.UnsupportedType, "The file is not a JPEG, PNG, WebP or GIF image.");

        using var stream = new SKMemoryStream(bytes);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null || result != SKCodecResult.Success || FormatOf(codec.EncodedFormat) != sniffed)
            return (null, ImageRejection.InvalidImage, "The image cannot be read.");

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) return (null, ImageRejection.InvalidImage, "The image has no pixels.");
        if ((long)width * height > Options.MaxPixels)
            return (null, ImageRejection.TooManyPixels, $"The image is {width}×{height}; at most {Options.MaxPixels / 1_000_000} megapixels are accepted.");

        using var decoded = Decode(codec);
        if (decoded is null) return (null, ImageRejection.InvalidImage, "The image data is damaged or incomplete.");
        var upright = Upright(decoded, codec.EncodedOrigin);
        try
        {
            var output = sniffed == ImageFormat.Gif ? ImageFormat.Png : sniffed;
            var original = Encode(upright, output, Options.MaxStoredDimension, byLongerSide: true);
            var feed = upright.Width <= Options.FeedWidth ? original : Encode(upright, output, Options.FeedWidth, byLongerSide: false);
            return (new ProcessedImage(original, feed), ImageRejection.None, null);
        }
        finally
        {
            if (!ReferenceEquals(upright, decoded)) upright.Dispose();
        }
    }

    /// <summary>Decodes the first frame, at a reduced size when the codec can and the stored image will be smaller anyway.</summary>
    private SKBitmap? Decode(SKCodec codec)
    {
        var longer = Math.Max(codec.Info.Width, codec.Info.Height);
        var size = codec.Info.Size;
        if (longer > Options.MaxStoredDimension)
        {
            var scaled = codec.GetScaledDimensions((float)Options.MaxStoredDimension / longer);
            if (Math.Max(scaled.Width, scaled.Height) >= Options.MaxStoredDimension) size = scaled;
        }
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alpha);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        return null;
    }

    /// <summary>Applies the EXIF orientation (phones store portrait photos sideways plus a tag); the source itself when upright already.</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return source;
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swaps ? (source.Height, source.Width) : (source.Width, source.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(OrientationMatrix(origin, source.Width, source.Height));
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        canvas.Flush();
        return result;
    }

    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),          // mirror
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1), // 180°
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),       // flip
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),                // transpose
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),         // 90° clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1), // transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),        // 90° counter-clockwise
        _ => SKMatrix.Identity,
    };

    /// <summary>Scales to fit <paramref name="limit"/> (the longer side, or the width) and encodes.</summary>
    private EncodedImage Encode(SKBitmap image, ImageFormat format, int limit, bool byLongerSide)
    {
        var measured = byLongerSide ? Math.Max(image.Width, image.Height) : image.Width;
        SKBitmap? resized = null;
        if (measured > limit)
        {
            var scale = (double)limit / measured;
            var info = new SKImageInfo(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)),
                image.ColorType, image.AlphaType);
            resized = image.Resize(info, Sampling) ?? throw new InvalidOperationException("Skia could not resize the image.");
        }
        try
        {
            var target = resized ?? image;
            using var encoded = target.Encode(SkiaFormatOf(format), Options.Quality)
                                ?? throw new InvalidOperationException($"Skia could not encode {format.Name}.");
            return new EncodedImage(encoded.ToArray(), format, target.Width, target.Height);
        }
        finally
        {
            resized?.Dispose();
        }
    }

    private static ImageFormat? FormatOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => ImageFormat.Jpeg,
        SKEncodedImageFormat.Png => ImageFormat.Png,
        SKEncodedImageFormat.Webp => ImageFormat.WebP,
        SKEncodedImageFormat.Gif => ImageFormat.Gif,
        _ => null,
    };

    private static SKEncodedImageFormat SkiaFormatOf(ImageFormat format) =>
        format == ImageFormat.Jpeg ? SKEncodedImageFormat.Jpeg
        : format == ImageFormat.WebP ? SKEncodedImageFormat.Webp
        : SKEncodedImageFormat.Png;
}
