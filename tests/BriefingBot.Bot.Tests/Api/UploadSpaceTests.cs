using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BriefingBot.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// Large uploads leave nothing behind: a job's content is removed from the memory file when the job ends and the space
/// goes back to the file system, and an upload cut off mid-body leaves no temporary file.
/// </summary>
[Collection(StaffApiCollection.Name)]
public sealed class UploadSpaceTests(StaffApiFixture api, ITestOutputHelper output)
{
    private const int FileBytes = 50_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FourFiftyMegabyteUploads_AfterTheirJobsEnd_TheMemoryFileIsBackToItsSize()
    {
        var before = StoreBytes();
        var statusUrls = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            // Not a real .docx: the job reads all of it, fails at extraction, and ends at once.
            var bytes = new byte[FileBytes];
            new Random(i).NextBytes(bytes);
            var request = api.Request(HttpMethod.Post, "api/documents", api.FullKey);
            request.Content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", $"big-upload-{i}.docx" } };
            using var response = await api.Host.Http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            statusUrls.Add(response.Headers.Location!.OriginalString);
        }

        var peak = StoreBytes();
        foreach (var url in statusUrls)
        {
            Assert.Equal("failed", (await WaitForJobAsync(url)).GetProperty("state").GetString());
        }

        // The space is given back just after each job is recorded as ended.
        var after = StoreBytes();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); after - before >= FileBytes / 5 && DateTime.UtcNow < deadline; after = StoreBytes())
        {
            await Task.Delay(200, Ct);
        }

        output.WriteLine($"memory.db + WAL: {before / 1e6:0.0} MB before, {peak / 1e6:0.0} MB after the uploads, {after / 1e6:0.0} MB after the jobs ended");
        Assert.True(after - before < FileBytes / 5, $"the memory file grew by {(after - before) / 1e6:0.0} MB");
    }

    [Fact]
    public async Task Upload_ClientDisconnectsMidBody_NoTemporaryFileLeft()
    {
        var temp = Path.GetTempPath();
        var existing = Directory.GetFiles(temp).ToHashSet();
        var request = api.Request(HttpMethod.Post, "api/documents", api.FullKey);
        request.Content = new BrokenUpload(FileBytes, FileBytes / 2);

        await Assert.ThrowsAnyAsync<Exception>(() => api.Host.Http.SendAsync(request, Ct));
        await Task.Delay(1000, Ct);

        var left = Directory.GetFiles(temp).Where(f => !existing.Contains(f) && new FileInfo(f).Length > 1_000_000).ToList();
        Assert.Empty(left);
    }

    private long StoreBytes()
    {
        var path = api.Host.Services.GetRequiredService<MemoryOptions>().StorePath;
        return new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
    }

    private async Task<JsonElement> WaitForJobAsync(string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var response = await api.SendAsync(HttpMethod.Get, url.TrimStart('/'), api.FullKey);
            var job = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The job is still {job.GetProperty("state").GetString()}.");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>A multipart upload of one file that declares <c>declared</c> bytes and breaks off after <c>sent</c>.</summary>
    private sealed class BrokenUpload : HttpContent
    {
        private const string Boundary = "broken-upload-boundary";
        private readonly byte[] _head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"interrupted.txt\"\r\nContent-Type: text/plain\r\n\r\n");

        private readonly int _declared;
        private readonly int _sent;

        public BrokenUpload(int declared, int sent)
        {
            _declared = declared;
            _sent = sent;
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
            Headers.ContentLength = _head.Length + declared + Boundary.Length + 8;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_head);
            var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("The harbour levy was debated again. ", 2000)));
            for (var written = 0; written < _sent; written += block.Length)
            {
                await stream.WriteAsync(block);
            }

            await stream.FlushAsync();
            throw new IOException("The client went away mid-upload.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _declared + Boundary.Length + 8;
            return true;
        }
    }
}
