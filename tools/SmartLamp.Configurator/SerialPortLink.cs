using System.IO.Ports;

namespace SmartLamp.Configurator;

/// <summary>Opens a real serial port (or a pty) as an <see cref="IConsoleLink"/>, turning the ways it can fail into clear exit codes.</summary>
public static class SerialPortLink
{
    /// <summary>Opens <paramref name="port"/> (/dev/ttyUSB0, COM3, a pty path) at <paramref name="baud"/> 8N1, no handshake, DTR/RTS low (an ESP32 DevKitC resets on DTR/RTS).</summary>
    public static IConsoleLink Open(string port, int baud)
    {
        if (string.IsNullOrWhiteSpace(port))
        {
            throw new ConfiguratorException(ExitCodes.Usage, "--port is required (e.g. /dev/ttyUSB0 or COM3)");
        }

        if (!Exists(port))
        {
            throw new ConfiguratorException(ExitCodes.PortMissing, "serial port " + port + " not found" + Available());
        }

        // .NET's SerialPort does not lock the device on Linux, so two programs could talk over each other.
        // An exclusive flock (FileShare.None) on the device node is what picocom and other .NET tools use:
        // a port held that way by someone else is "busy".
        FileStream exclusive = null;
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                exclusive = new FileStream(port, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e is not FileNotFoundException && e is not DirectoryNotFoundException)
            {
                throw new ConfiguratorException(ExitCodes.PortBusy, "cannot open " + port + ": it is in use by another program (" + e.Message + ")", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ConfiguratorException(ExitCodes.PortBusy, "cannot open " + port + ": no permission (on Linux: add yourself to the dialout group) [" + e.Message + "]", e);
            }
        }

        var sp = new SerialPort(port, baud, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            DtrEnable = false,
            RtsEnable = false,
            WriteTimeout = 2000,
        };
        try
        {
            sp.Open();
        }
        catch (UnauthorizedAccessException e)
        {
            sp.Dispose();
            exclusive?.Dispose();
            throw new ConfiguratorException(ExitCodes.PortBusy, "cannot open " + port + ": it is in use by another program, or you may not use it"
                + (OperatingSystem.IsWindows() ? string.Empty : " (on Linux: add yourself to the dialout group)") + " [" + e.Message + "]", e);
        }
        catch (FileNotFoundException e)
        {
            sp.Dispose();
            exclusive?.Dispose();
            throw new ConfiguratorException(ExitCodes.PortMissing, "serial port " + port + " not found" + Available(), e);
        }
        catch (IOException e)
        {
            sp.Dispose();
            exclusive?.Dispose();
            throw new ConfiguratorException(ExitCodes.PortBusy, "cannot open " + port + ": " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            sp.Dispose();
            exclusive?.Dispose();
            throw new ConfiguratorException(ExitCodes.Usage, "bad serial port settings for " + port + ": " + e.Message, e);
        }

        return new StreamConsoleLink(sp.BaseStream, new Owner(sp, exclusive));
    }

    /// <summary>Closes the port, then releases the lock.</summary>
    private sealed class Owner : IDisposable
    {
        private readonly SerialPort _port;
        private readonly FileStream _lock;

        public Owner(SerialPort port, FileStream exclusive)
        {
            _port = port;
            _lock = exclusive;
        }

        public void Dispose()
        {
            try
            {
                _port.Dispose();
            }
            finally
            {
                _lock?.Dispose();
            }
        }
    }

    private static bool Exists(string port)
    {
        if (OperatingSystem.IsWindows())
        {
            return SerialPort.GetPortNames().Any(p => string.Equals(p, port, StringComparison.OrdinalIgnoreCase));
        }

        return File.Exists(port);
    }

    private static string Available()
    {
        try
        {
            string[] names = SerialPort.GetPortNames();
            return names.Length == 0 ? " (no serial ports found)" : " (found: " + string.Join(", ", names.Order(StringComparer.Ordinal)) + ")";
        }
        catch (Exception)
        {
            return string.Empty;
        }
    }
}
