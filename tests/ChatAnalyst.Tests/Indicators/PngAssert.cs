using System.Buffers.Binary;

namespace ChatAnalyst.Tests.Indicators;

/// <summary>Checks PNG bytes by their signature and IHDR chunk, without an image library.</summary>
internal static class PngAssert
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static void IsPng(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 33, "too short to be a PNG");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
