using System.Runtime.InteropServices;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>POSIX signals for child processes (System.Diagnostics.Process can only SIGKILL).</summary>
public static class Native
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when not possible (e.g. Windows).</summary>
    public static bool Signal(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        return kill(pid, signal) == 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
