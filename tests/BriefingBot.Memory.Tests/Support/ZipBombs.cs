using System.IO.Compression;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>Hostile archives for the extraction limits.</summary>
public static class ZipBombs
{
    /// <summary>A .docx-shaped zip whose document part inflates from about 64 KB to 64 MB of zeros.</summary>
    public static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                document.Write(zeros);
            }
        }

        return stream.ToArray();
    }
}
