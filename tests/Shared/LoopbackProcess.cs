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
    /// <summary>A loopback port nothing listens on at this moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
