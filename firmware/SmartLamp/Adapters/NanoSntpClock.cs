// Written against nanoFramework.Networking.Sntp 1.6.42, nanoFramework.Runtime.Native 1.7.11.
using System;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IWallClock"/> for the device: the system clock (<see cref="DateTime.UtcNow"/>), set by
    /// nanoFramework's SNTP client (<see cref="Sntp"/>, which takes two servers: NtpServer1 and NtpServer2,
    /// the first two non-empty ones) or by hand through <see cref="Rtc.SetSystemTime"/>.
    /// </summary>
    /// <remarks>
    /// The SNTP client reports nothing when it sets the clock, so a sync is recognised by the wall clock
    /// jumping against the monotonic clock (more than 2 s) or by the clock leaving the boot default (the
    /// ESP32 starts at 1970; any year before 2024 counts as "not valid yet").
    /// </remarks>
    public sealed class NanoSntpClock : IWallClock
    {
        private const long JumpTicks = 2 * TimeSpan.TicksPerSecond;
        private readonly ILog _log;
        private readonly object _lock = new object();
        private long _lastOffset;
        private int _syncs;
        private bool _valid;

        /// <summary>Creates the clock; SNTP starts with <see cref="UseServers"/>.</summary>
        public NanoSntpClock(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public bool IsValid
        {
            get
            {
                Poll();
                return _valid;
            }
        }

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        /// <inheritdoc />
        public int SyncCount
        {
            get
            {
                Poll();
                return _syncs;
            }
        }

        /// <inheritdoc />
        public void UseServers(string server1, string server2, string server3)
        {
            string a = First(server1, server2, server3, null);
            string b = First(server1, server2, server3, a);
            try
            {
                if (Sntp.IsStarted)
                {
                    Sntp.Stop();
                }

                if (a == null)
                {
                    return;
                }

                Sntp.Server1 = a;
                Sntp.Server2 = b != null ? b : a;
                Sntp.Start();
                Sntp.UpdateNow();
            }
            catch (Exception e)
            {
                Log("SNTP start failed: ", e.Message);
            }
        }

        /// <inheritdoc />
        public void SetUtc(DateTime utc)
        {
            try
            {
                if (Sntp.IsStarted)
                {
                    Sntp.Stop();
                }

                Rtc.SetSystemTime(utc);
            }
            catch (Exception e)
            {
                Log("setting the time failed: ", e.Message);
            }

            Poll();
        }

        private void Poll()
        {
            lock (_lock)
            {
                DateTime now = DateTime.UtcNow;
                long offset = now.Ticks - (Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
                bool plausible = now.Year >= 2024;
                if (plausible && (!_valid || offset - _lastOffset > JumpTicks || _lastOffset - offset > JumpTicks))
                {
                    _syncs++;
                }

                _valid = plausible;
                _lastOffset = offset;
            }
        }

        private static string First(string s1, string s2, string s3, string not)
        {
            if (s1 != null && s1.Length > 0 && s1 != not)
            {
                return s1;
            }

            if (s2 != null && s2.Length > 0 && s2 != not)
            {
                return s2;
            }

            return s3 != null && s3.Length > 0 && s3 != not ? s3 : null;
        }

        private void Log(string a, string b)
        {
            if (_log != null)
            {
                _log.Write("TIM", a, b, null);
            }
        }
    }
}
