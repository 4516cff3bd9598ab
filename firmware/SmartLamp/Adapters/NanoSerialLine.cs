using System;
using System.IO.Ports;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using SmartLamp.Core.Console;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ISerialLine"/> on COM2 (UART1) at 115200 8N1 with the board profile's pins. COM1 is the
    /// nanoFramework debugger link (opening it throws while the wire protocol uses the UART) and COM2 has
    /// no default pins on ESP32, hence the SetPinFunction calls.
    /// Written against nanoFramework.System.IO.Ports 1.1.139 (<c>SerialPort(string portName, int baudRate)</c>,
    /// ReadTimeout/WriteTimeout/NewLine, <c>Open()</c>, <c>BytesToRead</c>, <c>Read(byte[], int, int)</c>,
    /// <c>WriteLine(string)</c> (UTF-8), <c>event SerialDataReceivedEventHandler DataReceived</c>) and
    /// nanoFramework.Hardware.Esp32 1.6.40 (<c>Configuration.SetPinFunction(int pin, DeviceFunction value)</c>,
    /// <c>DeviceFunction.COM2_RX/COM2_TX</c>), the signatures of the team's nanoFramework reference §8.2/§12
    /// (checked there against 1.6.42, whose API is the same). Not compiled in CI (the packages do not restore here).
    /// A reader thread feeds every received byte to the core's <see cref="SerialLineReader"/>, which owns
    /// the line rules (CR, LF or CRLF end a line; backspace/DEL erase; Ctrl+U/Ctrl+C discard; UTF-8 kept;
    /// a line over 800 bytes is refused whole) and is unit-tested on the host; an overlong line is
    /// answered with "CMD: Serial buffer overrun: line longer than 800 bytes ignored".
    /// </summary>
    public sealed class NanoSerialLine : ISerialLine
    {
        /// <summary>Console port.</summary>
        public const string PortName = "COM2";

        /// <summary>Console speed (Tasmota's default 115200).</summary>
        public const int BaudRate = 115200;

        private const int IoTimeoutMs = 1000;
        private const int IdlePollMs = 500;

        private readonly SerialPort _port;
        private readonly object _writeLock = new object();
        private readonly AutoResetEvent _data = new AutoResetEvent(false);
        private readonly SerialLineReader _reader = new SerialLineReader();
        private readonly byte[] _rx = new byte[128];
        private ISerialLineListener _listener;

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

        // Runtime event thread: only wake the reader (guarded: exceptions there vanish silently; the
        // reader polls BytesToRead anyway).
        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            try
            {
                _data.Set();
            }
            catch (Exception)
            {
                // Nothing to report to: the console is this port.
            }
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
            int result = _reader.Accept(b);
            if (result == SerialLineReader.LineReady)
            {
                Deliver(_reader.Line);
            }
            else if (result == SerialLineReader.Overrun)
            {
                WriteLine("CMD: " + SerialLineReader.OverrunMessage);
            }
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
