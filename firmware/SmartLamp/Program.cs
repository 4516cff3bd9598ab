// Written against nanoFramework.CoreLibrary 1.17.11, nanoFramework.System.IO.FileSystem 1.1.93.
using System;
using System.IO;
using System.Threading;
using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Relays;
using SmartLamp.Device.Adapters;

namespace SmartLamp.Device
{
    /// <summary>
    /// Firmware entry point: load the board profile, build the device ports, hand them to the core's
    /// boot sequence (<see cref="DeviceBoot"/>), then run the core's event loop on this thread for ever
    /// (a nanoFramework Main that returns ends the application).
    /// </summary>
    public static class Program
    {
        /// <summary>Board profile deployed to the device (nanoff --filedeployment, see README.md).</summary>
        public const string BoardFile = "I:\\board.json";

        private const int HaltReminderMs = 60000;

        /// <summary>Entry point.</summary>
        public static void Main()
        {
            NanoLog log = new NanoLog(null);
            string failure = null;
            DeviceApp app = null;
            try
            {
                app = Boot(log, out failure);
            }
            catch (Exception e)
            {
                failure = "startup failed: " + e.Message;
                log.Write("APP", failure, null, null);
            }

            if (app != null)
            {
                // The core runs here from now on: adapters post to its inbox from their threads, its
                // timeouts fall due on this one; the loop sleeps on one wait handle in between.
                app.Loop.Run();
            }

            // Halted: keep saying why, for whoever attaches a console later. Never return.
            for (;;)
            {
                Thread.Sleep(HaltReminderMs);
                log.Write("APP", "halted: ", failure, null);
            }
        }

        // Returns the started app, or null and why it stopped. Every failure is logged here.
        private static DeviceApp Boot(NanoLog log, out string failure)
        {
            failure = null;
            string source;
            BoardProfile board = LoadBoard(log, out source);
            if (board == null)
            {
                // No profile = no idea which pins are relays: touch no pin at all.
                failure = "no usable board profile";
                return null;
            }

            // Boot order: 1. relay pins to their OFF level (before anything else that could fail or take
            // time), 2. settings (app.Start), 3. serial console, 4. Wi-Fi, 5. MQTT (both started by
            // app.Start, MQTT only once Wi-Fi has an address), 6. run the loop. DeviceApp opens the same pins again
            // on the same NanoGpio, which only rewrites the OFF level.
            NanoGpio gpio = new NanoGpio(log);
            new RelayDriver(gpio, board.Relays);

            // COM2 opens here so boot messages reach it; it takes commands once app.Start attaches it
            // (after the settings are loaded).
            NanoSerialLine serial = null;
            if (board.HasSerial)
            {
                try
                {
                    serial = new NanoSerialLine(board.SerialTx, board.SerialRx);
                    log.Serial = serial;
                }
                catch (Exception e)
                {
                    log.Write("APP", "serial console on COM2 failed: ", e.Message, null);
                }
            }

            log.Write("APP", "SmartLamp starting, board ", board.Name, " from " + source);

            // Constructors below do no I/O on the network: Wi-Fi and MQTT start in app.Start(), after
            // DeviceApp's constructor has driven every relay pin to its OFF level.
            DevicePorts ports = new DevicePorts();
            // DeviceApp tees the core's log lines to the serial console itself (Core.Console.ConsoleLog),
            // so its log port must not write to the serial line too; the adapters keep `log`.
            ports.Log = serial != null ? new NanoLog(null) : log;
            ports.Gpio = gpio;
            ports.Clock = new NanoClock();
            ports.Wall = new NanoSntpClock(log);
            ports.Serial = serial;
            ports.Storage = new NanoFlashStore(log);
            ports.System = new NanoSystemControl(log);
            ports.Network = new NanoWifiLink(log);
            ports.Mqtt = new NanoMqttLink(log);
            ports.Http = new NanoHttpServer(log);
            ports.AccessPoint = new NanoAccessPoint(log);

            // MQTT down for long (ConnectivityWatchdog): the core itself leaves and joins Wi-Fi again
            // (Network/WifiRejoin). Never a reboot.
            try
            {
                return DeviceBoot.Start(ports, board, null);
            }
            catch (Exception e)
            {
                // DeviceBoot has made the device safe (relays OFF).
                failure = "start failed: " + e.Message;
                log.Write("APP", failure, null, null);
                return null;
            }
        }

        // I:\board.json when present (it must then be valid: falling back to the default board could
        // drive the wrong pins of the real hardware), else the compiled-in default. Null on failure.
        private static BoardProfile LoadBoard(NanoLog log, out string source)
        {
            source = BoardFile;
            string json = null;
            try
            {
                if (File.Exists(BoardFile))
                {
                    json = File.ReadAllText(BoardFile);
                }
            }
            catch (Exception e)
            {
                log.Write("APP", "cannot read " + BoardFile + ": ", e.Message, null);
                return null;
            }

            if (json == null)
            {
                source = DefaultBoard.Source;
                json = DefaultBoard.Json;
            }

            try
            {
                return BoardProfileParser.Parse(json, source);
            }
            catch (BoardProfileException e)
            {
                // The message names the file and the field, e.g. "I:\board.json: relays[0].pin: ...".
                log.Write("APP", e.Message, null, null);
                return null;
            }
        }
    }
}
