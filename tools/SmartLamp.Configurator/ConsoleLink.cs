using System.Collections.Concurrent;
using System.Text;

namespace SmartLamp.Configurator;

/// <summary>A line-based serial console: the seam between the protocol and the port (tests use a fake).</summary>
public interface IConsoleLink : IDisposable
{
    /// <summary>Sends one line (the link adds the terminator).</summary>
    void WriteLine(string line);

    /// <summary>The next line the device wrote (without terminator), or null when none came within <paramref name="timeout"/>. Throws <see cref="ConfiguratorException"/> (PortLost) when the port failed.</summary>
    string ReadLine(TimeSpan timeout);
}

/// <summary>
/// <see cref="IConsoleLink"/> over any byte stream (a SerialPort's BaseStream, a pty, a pipe in tests).
/// A background thread splits the input at LF (a CR before it is dropped, a lone CR also ends a line)
/// and decodes UTF-8; lines are sent with CRLF, which Tasmota and SmartLamp both read as one line end.
/// </summary>
public sealed class StreamConsoleLink : IConsoleLink
{
    private readonly Stream _stream;
    private readonly IDisposable _owner;
    private readonly BlockingCollection<string> _lines = new();
    private readonly Thread _reader;
    private readonly object _writeGate = new();
    private volatile Exception _failure;
    private volatile bool _disposed;

    /// <summary>Starts reading <paramref name="stream"/>; <paramref name="owner"/> (the port) is disposed with the link.</summary>
    public StreamConsoleLink(Stream stream, IDisposable owner = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _owner = owner;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "console-link" };
        _reader.Start();
    }

    /// <inheritdoc />
    public void WriteLine(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        try
        {
            lock (_writeGate)
            {
                _stream.Write(bytes, 0, bytes.Length);
                _stream.Flush();
            }
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is TimeoutException)
        {
            throw new ConfiguratorException(ExitCodes.PortLost, "writing to the serial port failed: " + e.Message, e);
        }
    }

    /// <inheritdoc />
    public string ReadLine(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero)
        {
            timeout = TimeSpan.Zero;
        }

        try
        {
            if (_lines.TryTake(out string line, timeout))
            {
                return line;
            }
        }
        catch (InvalidOperationException)
        {
            // Completed: the reader ended.
        }

        if (_lines.IsAddingCompleted && _lines.Count == 0 && !_disposed)
        {
            Exception f = _failure;
            throw new ConfiguratorException(ExitCodes.PortLost, "the serial port closed" + (f != null ? ": " + f.Message : string.Empty), f);
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        try
        {
            _stream.Dispose();
            _owner?.Dispose();
        }
        catch (Exception)
        {
            // Closing a failed port may throw again.
        }
    }

    private void ReadLoop()
    {
        var pending = new List<byte>(256);
        var buffer = new byte[512];
        bool lastWasCr = false;
        try
        {
            while (true)
            {
                int n = _stream.Read(buffer, 0, buffer.Length);
                if (n <= 0)
                {
                    break;
                }

                for (int i = 0; i < n; i++)
                {
                    byte b = buffer[i];
                    if (b == (byte)'\n' && lastWasCr)
                    {
                        lastWasCr = false;
                        continue;
                    }

                    lastWasCr = b == (byte)'\r';
                    if (b == (byte)'\n' || b == (byte)'\r')
                    {
                        _lines.Add(Encoding.UTF8.GetString(pending.ToArray()));
                        pending.Clear();
                    }
                    else if (pending.Count < 64 * 1024)
                    {
                        pending.Add(b);
                    }
                }
            }
        }
        catch (TimeoutException)
        {
            // Not expected (no read timeout set); treated as the end of the link.
            _failure = new IOException("read timed out");
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _lines.CompleteAdding();
        }
    }
}
