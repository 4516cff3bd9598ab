// Written against nanoFramework.M2Mqtt 5.1.220, nanoFramework.System.Net 1.11.60, nanoFramework.System.IO.FileSystem 1.1.93.
using System;
using System.Text;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using SmartLamp.Core.Network;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>Retiring M2Mqtt clients (unhook, DISCONNECT, close; on the worker thread) and the UTF-8 payload conversion.</summary>
    public sealed partial class NanoMqttLink : MqttLink, IMqttClientDriver
    {
        private void Unhook(MqttClient c)
        {
            try
            {
                c.MqttMsgPublishReceived -= OnPublishReceived;
                c.ConnectionClosed -= OnConnectionClosed;
            }
            catch (Exception)
            {
                // Best effort.
            }
        }

        // A client we no longer want: no more events, clean DISCONNECT (no will) if it is up, then close.
        private void Discard(MqttClient c)
        {
            Unhook(c);
            try
            {
                if (c.IsConnected)
                {
                    c.Disconnect();
                }
            }
            catch (Exception e)
            {
                Log("MQTT disconnect failed: ", e.Message);
            }

            CloseClient(c);
        }

        private static void CloseClient(MqttClient c)
        {
            try
            {
                c.Close();
            }
            catch (Exception)
            {
                // Close is best effort by design (the library swallows its own errors too).
            }
        }

        private static byte[] Encode(string text)
        {
            if (text == null || text.Length == 0)
            {
                return new byte[0];
            }

            return Encoding.UTF8.GetBytes(text);
        }

        // UTF-8 to string. The port promises "never an exception": if the decoder rejects the bytes,
        // keep ASCII and turn every other byte into U+FFFD.
        private static string Decode(byte[] bytes)
        {
            if (bytes == null || bytes.Length == 0)
            {
                return string.Empty;
            }

            try
            {
                string s = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
                if (s != null)
                {
                    return s;
                }
            }
            catch (Exception)
            {
                // Fall through to the lossy decode.
            }

            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                chars[i] = b < 0x80 ? (char)b : '\uFFFD';
            }

            return new string(chars);
        }
    }
}
