namespace SmartLamp.Configurator;

/// <summary>Process exit codes of smartlamp-config (also listed by --help and in the README).</summary>
public static class ExitCodes
{
    /// <summary>Every command was answered without an error.</summary>
    public const int Ok = 0;

    /// <summary>The device answered Error or Unknown to a command, or refused a line (too long).</summary>
    public const int DeviceError = 1;

    /// <summary>Bad command line, or a settings file that cannot be read or used.</summary>
    public const int Usage = 2;

    /// <summary>The serial port does not exist.</summary>
    public const int PortMissing = 3;

    /// <summary>The serial port exists but cannot be opened (in use by another program, or no permission).</summary>
    public const int PortBusy = 4;

    /// <summary>The device did not answer within the timeout (wrong port or baud rate, device off or busy).</summary>
    public const int NoAnswer = 5;

    /// <summary>The port failed while in use (adapter unplugged).</summary>
    public const int PortLost = 6;

    /// <summary>One line per code, for --help and error messages.</summary>
    public static readonly string[] Descriptions =
    {
        "0  every command answered without error",
        "1  the device answered Error/Unknown (or refused an overlong line)",
        "2  bad arguments or an unusable settings file",
        "3  the serial port does not exist",
        "4  the serial port is busy (used by another program) or not accessible",
        "5  no answer from the device within --timeout",
        "6  the serial port failed while in use",
    };
}

/// <summary>A failure that ends the run with <see cref="ExitCode"/> and a one-line message.</summary>
public sealed class ConfiguratorException : Exception
{
    /// <summary>Creates the failure.</summary>
    public ConfiguratorException(int exitCode, string message, Exception inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }
}
