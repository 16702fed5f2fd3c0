using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>Images made in the tests: real encodings by SkiaSharp, and hand-built files where Skia cannot write the thing (GIF, EXIF, bombs).</summary>
public static class TestImages
{
    public static byte[] Jpeg(int width, int height, int quality = 90) => Encode(width, height, SKEncodedImageFormat.Jpeg, quality);
    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);
    public static byte[] WebP(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp, 90);

    /// <summary>A photo-like image: a gradient with noise, so it compresses like a photo does.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var random = new Random(width * 31 + height);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 4;
            pixels[i] = (byte)(x * 255 / Math.Max(1, width - 1) ^ random.Next(32));
            pixels[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1) ^ random.Next(32));
            pixels[i + 2] = (byte)random.Next(256);
            pixels[i + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A one-frame GIF89a (Skia cannot write GIFs): 128 grey levels, LZW codes kept at 8 bits by a clear code every 100 pixels.</summary>
    public static byte[] Gif(int width, int height)
    {
        var output = new MemoryStream();
        output.Write("GIF89a"u8);
        WriteUInt16(output, width); WriteUInt16(output, height);
        output.WriteByte(0xF6); // global colour table, 128 entries
        output.WriteByte(0); output.WriteByte(0);
        for (var i = 0; i < 128; i++) { output.WriteByte((byte)(i * 2)); output.WriteByte((byte)(i * 2)); output.WriteByte((byte)(i * 2)); }
        output.WriteByte(0x2C); WriteUInt16(output, 0); WriteUInt16(output, 0); WriteUInt16(output, width); WriteUInt16(output, height); output.WriteByte(0);
        output.WriteByte(7); // LZW minimum code size: codes are 8 bits wide
        var codes = new List<byte> { 128 };
        for (var p = 0; p < width * height; p++)
        {
            codes.Add((byte)((p % width + p / width) % 128));
            if ((p + 1) % 100 == 0) codes.Add(128);
        }
        codes.Add(129);
        foreach (var block in codes.Chunk(255)) { output.WriteByte((byte)block.Length); output.Write(block); }
        output.WriteByte(0);
        output.WriteByte(0x3B);
        return output.ToArray();
    }

    /// <summary>
    /// A JPEG with an EXIF block: a description, an orientation and a GPS position (51° N) — what a
    /// phone camera writes. Inserted right after the start-of-image marker.
    /// </summary>
    public static byte[] JpegWithExif(int width, int height, string description, ushort orientation = 1)
    {
        var jpeg = Jpeg(width, height);
        var tiff = ExifTiff(description, orientation);
        var segment = new MemoryStream();
        segment.WriteByte(0xFF); segment.WriteByte(0xE1);
        var length = 2 + 6 + tiff.Length;
        segment.WriteByte((byte)(length >> 8)); segment.WriteByte((byte)length);
        segment.Write("Exif\0\0"u8);
        segment.Write(tiff);
        return [.. jpeg[..2], .. segment.ToArray(), .. jpeg[2..]];
    }

    private static byte[] ExifTiff(string description, ushort orientation)
    {
        var text = Encoding.ASCII.GetBytes(description + "\0");
        const int ifd0 = 8, ifd0Size = 2 + 3 * 12 + 4;
        const int gps = ifd0 + ifd0Size, gpsSize = 2 + 2 * 12 + 4;
        const int rationals = gps + gpsSize;
        var textAt = rationals + 24;
        var tiff = new byte[textAt + text.Length];
        var span = tiff.AsSpan();
        "II"u8.CopyTo(span); BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42); BinaryPrimitives.WriteUInt32LittleEndian(span[4..], ifd0);
        var at = ifd0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], 3); at += 2;
        at = Entry(span, at, 0x010E, 2, (uint)text.Length, (uint)textAt);           // ImageDescription
        at = Entry(span, at, 0x0112, 3, 1, orientation);                            // Orientation
        at = Entry(span, at, 0x8825, 4, 1, gps);                                    // GPS IFD pointer
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], 0);
        at = gps;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], 2); at += 2;
        at = Entry(span, at, 0x0001, 2, 2, 'N');                                    // GPSLatitudeRef "N"
        at = Entry(span, at, 0x0002, 5, 3, rationals);                              // GPSLatitude
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], 0);
        uint[] latitude = [51, 1, 30, 1, 2, 1];
        for (var i = 0; i < latitude.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(span[(rationals + i * 4)..], latitude[i]);
        text.CopyTo(span[textAt..]);
        return tiff;
    }

    private static int Entry(Span<byte> span, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 8)..], value);
        return at + 12;
    }

    /// <summary>
    /// A decompression bomb: a valid PNG of <paramref name="side"/>² grey pixels, all zero, which
    /// deflate shrinks about a thousandfold — a small upload that would need side² bytes to decode.
    /// </summary>
    public static byte[] PngBomb(int side)
    {
        var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 8; // bit depth; colour type 0 (grey), no interlace
        Chunk(output, "IHDR", header);
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[side + 1];
            for (var y = 0; y < side; y++) zlib.Write(row);
        }
        Chunk(output, "IDAT", compressed.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typed));
        output.Write(crc);
    }

    private static void WriteUInt16(Stream output, int value) { output.WriteByte((byte)value); output.WriteByte((byte)(value >> 8)); }

    /// <summary>Width and height as Skia reads them from the bytes.</summary>
    public static (int Width, int Height) SizeOf(byte[] image)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(image));
        return (codec.Info.Width, codec.Info.Height);
    }
}
