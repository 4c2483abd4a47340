using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Assessor.Testing;

/// <summary>
/// What the test projects that run the service as its own process share (linked into each, so the client tests need no
/// reference to the API tests): its output collected for failure messages, a free loopback port, and waiting until ready.
/// </summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder text = new();

    /// <summary>Collects standard output and error of a process started with both redirected.</summary>
    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}

public static class Loopback
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>
    /// A loopback port nothing listens on at this moment, for a service started next, never the same one twice in this
    /// process. Drawn from 20000-31999, below the kernel's ephemeral range (32768-60999): a port from that range may be
    /// taken by the local end of any outgoing connection (to the database, to another service) in the second before the
    /// service binds it.
    /// </summary>
    public static int FreePort()
    {
        for (var draws = 0; draws < 1000; draws++)
        {
            var port = Random.Shared.Next(20000, 32000);
            if (!HandedOut.TryAdd(port, true))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // Someone listens there already (the tests' PostgreSQL, for one): draw again.
            }
        }

        throw new InvalidOperationException("No free loopback port found in 20000-31999.");
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (migrated and connected); fails with the output if the process exits or time runs out.</summary>
    public static async Task WaitReadyAsync(Process process, Uri baseAddress, ProcessOutput output, TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
            {
                // Listening, but a loaded machine took more than the probe's 5 s to answer (the first request migrates and
                // compiles): ask again until the caller's deadline, which is what the wait is bounded by.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service was not ready within {timeout}:\n{output}");
    }
}
