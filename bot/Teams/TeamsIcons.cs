namespace BriefingBot.Bot.Teams;

/// <summary>
/// The app's icons, drawn in code: a 192×192 colour icon (a white document with text lines on the accent colour)
/// and a 32×32 outline icon (the same document in white on a transparent background), as Teams requires.
/// </summary>
public static class TeamsIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    public static byte[] Color(byte red, byte green, byte blue)
    {
        var pixels = new byte[ColorSize * ColorSize * 4];
        for (var y = 0; y < ColorSize; y++)
        {
            for (var x = 0; x < ColorSize; x++)
            {
                var white = IsDocument(x, y, ColorSize) && !IsLine(x, y, ColorSize);
                Set(pixels, ColorSize, x, y, white ? (byte)255 : red, white ? (byte)255 : green, white ? (byte)255 : blue, 255);
            }
        }

        return PngImage.Encode(ColorSize, ColorSize, pixels);
    }

    public static byte[] Outline()
    {
        var pixels = new byte[OutlineSize * OutlineSize * 4];
        for (var y = 0; y < OutlineSize; y++)
        {
            for (var x = 0; x < OutlineSize; x++)
            {
                var inside = IsDocument(x, y, OutlineSize);
                var border = inside && (!IsDocument(x - 2, y, OutlineSize) || !IsDocument(x + 2, y, OutlineSize)
                    || !IsDocument(x, y - 2, OutlineSize) || !IsDocument(x, y + 2, OutlineSize));
                var on = border || (inside && IsLine(x, y, OutlineSize));
                Set(pixels, OutlineSize, x, y, 255, 255, 255, on ? (byte)255 : (byte)0);
            }
        }

        return PngImage.Encode(OutlineSize, OutlineSize, pixels);
    }

    private static bool IsDocument(int x, int y, int size)
    {
        var left = size * 0.25;
        var right = size * 0.75;
        var top = size * 0.15;
        var bottom = size * 0.85;
        var fold = size * 0.14;
        if (x < left || x >= right || y < top || y >= bottom)
        {
            return false;
        }

        return !(x - (right - fold) + (top + fold - y) > fold);
    }

    private static bool IsLine(int x, int y, int size)
    {
        if (x < size * 0.33 || x >= size * 0.67)
        {
            return false;
        }

        var row = (y - (size * 0.38)) / (size * 0.11);
        return row >= 0 && row < 4 && row - Math.Floor(row) < 0.45 && (Math.Floor(row) < 3 || x < size * 0.55);
    }

    private static void Set(byte[] pixels, int size, int x, int y, byte r, byte g, byte b, byte a)
    {
        var i = ((y * size) + x) * 4;
        pixels[i] = r;
        pixels[i + 1] = g;
        pixels[i + 2] = b;
        pixels[i + 3] = a;
    }
}
