using System;
using System.IO.Ports;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ISerialLine"/> on COM2 (UART1) at 115200 8N1 with the board profile's pins. COM1 is the
    /// nanoFramework debugger link and COM2 has no default pins on ESP32, hence the SetPinFunction calls.
    /// A reader thread assembles input lines: CR or LF ends a line (CRLF gives one line, empty lines are
    /// dropped), backspace/DEL erases, only printable ASCII is kept, a line longer than
    /// <see cref="MaxLineLength"/> is discarded with an overrun message.
    /// </summary>
    public sealed class NanoSerialLine : ISerialLine
    {
        /// <summary>Console port.</summary>
        public const string PortName = "COM2";

        /// <summary>Console speed (Tasmota's default 115200).</summary>
        public const int BaudRate = 115200;

        /// <summary>Longest accepted input line.</summary>
        public const int MaxLineLength = 800;

        private const int IoTimeoutMs = 1000;
        private const int IdlePollMs = 500;

        private readonly SerialPort _port;
        private readonly object _writeLock = new object();
        private readonly AutoResetEvent _data = new AutoResetEvent(false);
        private readonly char[] _line = new char[MaxLineLength];
        private readonly byte[] _rx = new byte[128];
        private ISerialLineListener _listener;
        private int _length;
        private bool _overrun;

        /// <summary>Maps COM2 to <paramref name="txPin"/>/<paramref name="rxPin"/>, opens it and starts the reader thread. Throws when the port cannot be opened.</summary>
        public NanoSerialLine(int txPin, int rxPin)
        {
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            _port = new SerialPort(PortName, BaudRate);
            // Without timeouts a stuck UART would block the calling thread indefinitely.
            _port.ReadTimeout = IoTimeoutMs;
            _port.WriteTimeout = IoTimeoutMs;
            _port.NewLine = "\r\n";
            _port.Open();
            _port.DataReceived += OnDataReceived;
            Thread reader = new Thread(new ThreadStart(Reader));
            reader.Start();
        }

        /// <inheritdoc />
        public void Attach(ISerialLineListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            lock (_writeLock)
            {
                try
                {
                    _port.WriteLine(line == null ? string.Empty : line);
                }
                catch (Exception)
                {
                    // Console output is best effort (TimeoutException when nobody drains the UART).
                }
            }
        }

        // Runtime event thread: only wake the reader.
        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _data.Set();
        }

        private void Reader()
        {
            for (;;)
            {
                try
                {
                    // The event only shortens the wait; BytesToRead is polled either way.
                    _data.WaitOne(IdlePollMs, false);
                    int available = _port.BytesToRead;
                    while (available > 0)
                    {
                        int n = _port.Read(_rx, 0, available < _rx.Length ? available : _rx.Length);
                        for (int i = 0; i < n; i++)
                        {
                            Accept(_rx[i]);
                        }

                        available = _port.BytesToRead;
                    }
                }
                catch (Exception)
                {
                    // TimeoutException on a race with BytesToRead, or a line handler failure: keep reading.
                }
            }
        }

        private void Accept(byte b)
        {
            if (b == (byte)'\r' || b == (byte)'\n')
            {
                bool overrun = _overrun;
                int length = _length;
                _overrun = false;
                _length = 0;
                if (overrun)
                {
                    WriteLine("CMD: Serial buffer overrun");
                    return;
                }

                if (length > 0)
                {
                    Deliver(new string(_line, 0, length));
                }

                return;
            }

            if (b == 0x08 || b == 0x7F)
            {
                if (_length > 0)
                {
                    _length--;
                }

                return;
            }

            if (b < 0x20 || b > 0x7E)
            {
                return;
            }

            if (_length >= MaxLineLength)
            {
                _overrun = true;
                return;
            }

            _line[_length++] = (char)b;
        }

        private void Deliver(string line)
        {
            ISerialLineListener l = _listener;
            if (l == null)
            {
                return;
            }

            try
            {
                l.OnSerialLine(line);
            }
            catch (Exception e)
            {
                WriteLine("APP: serial line handler failed: " + e.Message);
            }
        }
    }
}
