// Written against nanoFramework.CoreLibrary 1.17.11, nanoFramework.Runtime.Native 1.7.11.
using System;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IClock"/> for the device: monotonic milliseconds from <c>System.Environment.TickCount64</c>
    /// ("milliseconds elapsed since the system started"), wall time from <see cref="DateTime.UtcNow"/>,
    /// and nothing else: timeouts are the core's event loop's, which waits on one wait handle (no
    /// System.Threading.Timer per timeout start).
    /// </summary>
    /// <remarks>
    /// Environment.TickCount64 is not in nanoFramework's mscorlib 1.17.11 (checked by compiling a probe
    /// against it); it is declared by nanoFramework.Runtime.Native (System/Environment.cs, an InternalCall),
    /// which this app references and which M2Mqtt 5.1.220 itself uses for its keep-alive timing.
    /// DateTime.UtcNow cannot be the monotonic source: it jumps when SNTP sets the clock.
    /// </remarks>
    public sealed class NanoClock : IClock
    {
        /// <inheritdoc />
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }
    }
}
