using System.Collections.Concurrent;
using System.IO.Ports;
using System.Text;
using SmartLamp.Core.Console;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// --console: a simulated device's serial console on a real serial device or a pseudo-terminal
/// (/dev/ttyUSB0, COM3, or one end of a socat pty pair), as if a USB-UART adapter were wired to the
/// device's COM2. Received bytes go through the firmware's own <see cref="SerialLineReader"/> (CR/LF/CRLF,
/// backspace, 800-byte limit, UTF-8), so the Configurator sees exactly the device's line rules; every
/// line the device prints is written back with CRLF by a writer thread (a stalled reader on the other
/// end never blocks the device; after 1,000 unsent lines new ones are dropped). Standard input keeps
/// working for simulator actions and commands.
/// </summary>
public sealed class TtyConsole : IDisposable
{
    private const int MaxQueued = 1000;
    private readonly SerialPort _port;
    private readonly Stream _stream;
    private readonly SimulatedDevice _device;
    private readonly Action<string> _print;
    private readonly BlockingCollection<string> _out = new(MaxQueued);
    private readonly SerialLineReader _reader = new();
    private volatile bool _disposed;

    private TtyConsole(SerialPort port, SimulatedDevice device, Action<string> print)
    {
        _port = port;
        _stream = port.BaseStream;
        _device = device;
        _print = print ?? (_ => { });
        _device.Line += Enqueue;
        new Thread(ReadLoop) { IsBackground = true, Name = "tty-console-in" }.Start();
        new Thread(WriteLoop) { IsBackground = true, Name = "tty-console-out" }.Start();
    }

    /// <summary>The port path.</summary>
    public string Path => _port.PortName;

    /// <summary>Opens <paramref name="path"/> at 115200 8N1 for <paramref name="device"/>; a missing or unusable port is a <see cref="SimulatorConfigException"/>.</summary>
    public static TtyConsole Open(string path, SimulatedDevice device, Action<string> print)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SimulatorConfigException("--console needs a serial device or pty path");
        }

        if (!OperatingSystem.IsWindows() && !File.Exists(path))
        {
            throw new SimulatorConfigException("--console: " + path + " does not exist (create a pty pair with: socat -d -d pty,raw,echo=0,link=/tmp/sl/dev pty,raw,echo=0,link=/tmp/sl/cfg)");
        }

        var port = new SerialPort(path, 115200, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
        {
            port.Dispose();
            throw new SimulatorConfigException("--console: cannot open " + path + ": " + e.Message, e);
        }

        return new TtyConsole(port, device, print);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _device.Line -= Enqueue;
        _out.CompleteAdding();
        try
        {
            _port.Dispose();
        }
        catch (Exception)
        {
            // Closing a pty whose other end vanished may throw.
        }
    }

    private void Enqueue(string line)
    {
        if (!_disposed)
        {
            _out.TryAdd(line ?? string.Empty);
        }
    }

    private void ReadLoop()
    {
        var buffer = new byte[256];
        try
        {
            while (!_disposed)
            {
                int n = _stream.Read(buffer, 0, buffer.Length);
                if (n <= 0)
                {
                    break;
                }

                for (int i = 0; i < n; i++)
                {
                    int r = _reader.Accept(buffer[i]);
                    if (r == SerialLineReader.LineReady)
                    {
                        Deliver(_reader.Line);
                    }
                    else if (r == SerialLineReader.Overrun)
                    {
                        Enqueue("CMD: " + SerialLineReader.OverrunMessage);
                    }
                }
            }
        }
        catch (Exception e)
        {
            if (!_disposed)
            {
                _print("SIM: serial console " + _port.PortName + " closed: " + e.Message);
            }
        }
    }

    private void Deliver(string line)
    {
        try
        {
            _device.ConsoleLine(line);
        }
        catch (Exception e)
        {
            _print("SIM: console line failed: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private void WriteLoop()
    {
        try
        {
            foreach (string line in _out.GetConsumingEnumerable())
            {
                byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
                _stream.Write(bytes, 0, bytes.Length);
                _stream.Flush();
            }
        }
        catch (Exception e)
        {
            if (!_disposed)
            {
                _print("SIM: serial console " + _port.PortName + " output stopped: " + e.Message);
            }
        }
    }
}
