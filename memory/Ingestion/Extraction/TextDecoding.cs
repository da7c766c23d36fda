using System.Text;

namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>Decodes text files: a byte-order mark decides; otherwise strict UTF-8, falling back to Windows-1252.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string fileName)
    {
        if (bytes.IndexOf((byte)0) >= 0 && !bytes.StartsWith(new byte[] { 0xFF, 0xFE }) && !bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            throw new ExtractionException($"{fileName}: binary content (NUL bytes) where text was expected.");
        }

        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            return StrictUtf8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
