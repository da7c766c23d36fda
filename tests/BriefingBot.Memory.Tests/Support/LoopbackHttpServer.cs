using System.Net;
using System.Net.Sockets;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// An HTTP server on a free loopback port for the lifetime of a test: it accepts requests and hands each to
/// <see cref="HandleAsync"/> on its own task. A client that goes away, or the server stopping, ends a request quietly.
/// </summary>
public abstract class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    protected LoopbackHttpServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Cancelled when the server stops.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Answers one request; the response is closed by the implementation.</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(context);
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
                {
                    // The client went away (a time-out test) or the server is stopping.
                }
            });
        }
    }
}
