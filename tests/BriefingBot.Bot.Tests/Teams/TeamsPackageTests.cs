using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using BriefingBot.Bot.Cli;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Bot.Tests.Teams;

public sealed class TeamsPackageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task TeamsPackage_ConfiguredBot_ZipWithManifestAndValidIcons()
    {
        var botId = Guid.NewGuid().ToString();
        var path = Path.Combine(_folder, "out", "briefingbot.zip");

        var (code, output, errors) = await RunAsync(["teams-package", "--out", path, "--website", "https://briefings.example.org"], botId);

        Assert.Equal(0, code);
        Assert.Contains(path, output);
        Assert.Empty(errors);
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var root = manifest.RootElement;
        Assert.True(Version.Parse(root.GetProperty("manifestVersion").GetString()!) >= new Version(1, 17));
        Assert.Contains("v1.17", root.GetProperty("$schema").GetString());
        Assert.Equal(botId, root.GetProperty("id").GetString());
        var bot = root.GetProperty("bots")[0];
        Assert.Equal(botId, bot.GetProperty("botId").GetString());
        Assert.Contains("personal", bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var commands = bot.GetProperty("commandLists")[0].GetProperty("commands").EnumerateArray().ToList();
        Assert.InRange(commands.Count, 1, 10);
        Assert.All(commands, c => Assert.InRange(c.GetProperty("title").GetString()!.Length, 1, 32));
        Assert.Contains("help", commands.Select(c => c.GetProperty("title").GetString()));
        Assert.Equal("https://briefings.example.org", root.GetProperty("developer").GetProperty("privacyUrl").GetString());
        Assert.InRange(root.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(root.GetProperty("description").GetProperty("short").GetString()!.Length, 1, 80);
        Assert.Matches("^#[0-9A-F]{6}$", root.GetProperty("accentColor").GetString());

        var color = DecodePng(zip.GetEntry("color.png")!);
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.True(Pixels(color).All(p => p.A == 255), "The colour icon must be opaque.");
        Assert.True(Pixels(color).Select(p => (p.R, p.G, p.B)).Distinct().Count() >= 2);
        var outline = DecodePng(zip.GetEntry("outline.png")!);
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var outlinePixels = Pixels(outline).ToList();
        Assert.All(outlinePixels, p => Assert.True(p.A == 0 || (p.R == 255 && p.G == 255 && p.B == 255), "Outline pixels must be white or transparent."));
        Assert.Contains(outlinePixels, p => p.A == 0);
        Assert.Contains(outlinePixels, p => p.A == 255);
    }

    [Theory]
    [InlineData("not-a-guid", "https://briefings.example.org", "GUID")]
    [InlineData(null, "https://briefings.example.org", "GUID")]
    [InlineData("5f3c0f52-40b4-4d2a-a7a2-1d4c6f1f0a11", "http://insecure.example.org", "https")]
    public async Task TeamsPackage_BadSettings_FailsNamingTheProblem(string? botId, string website, string problem)
    {
        var path = Path.Combine(_folder, "bad.zip");

        var (code, _, errors) = await RunAsync(["teams-package", "--out", path, "--website", website], botId);

        Assert.Equal(2, code);
        Assert.Contains(problem, errors);
        Assert.False(File.Exists(path));
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string[] args, string? botId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bot:MicrosoftAppId"] = botId }).Build();
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CliApp.RunAsync(args, configuration, output, errors, TestContext.Current.CancellationToken);
        return (code, output.ToString(), errors.ToString());
    }

    private sealed record Png(int Width, int Height, byte[] Rgba);

    private static IEnumerable<(byte R, byte G, byte B, byte A)> Pixels(Png png)
    {
        for (var i = 0; i < png.Rgba.Length; i += 4)
        {
            yield return (png.Rgba[i], png.Rgba[i + 1], png.Rgba[i + 2], png.Rgba[i + 3]);
        }
    }

    /// <summary>Decodes an 8-bit RGBA, non-interlaced PNG (any filter), checking signature and chunk CRCs.</summary>
    private static Png DecodePng(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var data = copy.ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, data[..8]);
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < data.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
            var body = data.AsSpan(at + 8, length);
            Assert.Equal(Crc32(data.AsSpan(at + 4, length + 4)), BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at + 8 + length)));
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                Assert.Equal(8, body[8]);
                Assert.Equal(6, body[9]);
                Assert.Equal(0, body[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(body);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var rows = raw.ToArray();
        var stride = width * 4;
        Assert.Equal(height * (stride + 1), rows.Length);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, rows[y * (stride + 1)]);
            Array.Copy(rows, (y * (stride + 1)) + 1, pixels, y * stride, stride);
        }

        return new Png(width, height, pixels);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
