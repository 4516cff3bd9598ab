using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>Expanding a FullTopic (%prefix%, %topic%, %hostname%, %id%) into a topic, in one reused buffer.</summary>
    public sealed partial class TopicSet
    {
        /// <summary>
        /// Expands a FullTopic pattern for one prefix (Tasmota GetTopic_P without the subtopic). Each step
        /// is one left-to-right pass over a reused char buffer with Arduino String::replace semantics
        /// (%prefix%, then %topic%, %hostname%, %id%, then '#' removed and "//" -&gt; "/"), so only the
        /// final string is allocated.
        /// </summary>
        private string Expand(string fullTopic, string prefix, string topic, int prefixIndex)
        {
            Load(fullTopic);
            if (prefixIndex == Cmnd && !HasToken(TokenPrefix))
            {
                Append("/");
                Append(TokenPrefix);
            }

            ReplacePass(TokenPrefix, prefix);
            ReplacePass(TokenTopic, topic);
            ReplacePass(TokenHostname, Hostname);
            ReplacePass(TokenId, _mac);
            return NormalizeBuffer();
        }

        private string NormalizeBuffer()
        {
            ReplacePass("#", string.Empty);
            ReplacePass("//", "/");
            if (_length == 0 || _buf[_length - 1] != '/')
            {
                Append("/");
            }

            return new string(_buf, 0, _length);
        }

        private void Load(string s)
        {
            _length = 0;
            Append(s);
        }

        private void Append(string s)
        {
            Ensure(ref _buf, _length + s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                _buf[_length++] = s[i];
            }
        }

        private bool HasToken(string token)
        {
            for (int i = 0; i < _length; i++)
            {
                if (TokenAt(i, token))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="token"/> stands in the buffer at <paramref name="i"/>.</summary>
        private bool TokenAt(int i, string token)
        {
            int j = 0;
            while (j < token.Length && i + j < _length && _buf[i + j] == token[j])
            {
                j++;
            }

            return j == token.Length;
        }

        /// <summary>Replaces every non-overlapping occurrence of <paramref name="token"/> in the buffer, scanning once.</summary>
        private void ReplacePass(string token, string value)
        {
            if (!HasToken(token))
            {
                return;
            }

            int n = 0;
            int i = 0;
            while (i < _length)
            {
                if (TokenAt(i, token))
                {
                    Ensure(ref _tmp, n + value.Length);
                    for (int k = 0; k < value.Length; k++)
                    {
                        _tmp[n++] = value[k];
                    }

                    i += token.Length;
                }
                else
                {
                    Ensure(ref _tmp, n + 1);
                    _tmp[n++] = _buf[i++];
                }
            }

            char[] swap = _buf;
            _buf = _tmp;
            _tmp = swap;
            _length = n;
        }

        private static void Ensure(ref char[] buffer, int size)
        {
            if (buffer.Length >= size)
            {
                return;
            }

            int grown = buffer.Length * 2;
            char[] bigger = new char[grown > size ? grown : size];
            System.Array.Copy(buffer, bigger, buffer.Length);
            buffer = bigger;
        }

        /// <summary>Prefix1..3 (index 0..2) in use: the setting, or the default when it is empty.</summary>
        public static string PrefixOf(DeviceSettings s, int i)
        {
            if (s.Prefix == null || s.Prefix.Length <= i || s.Prefix[i] == null || s.Prefix[i].Length == 0)
            {
                return DefaultPrefix(i);
            }

            return s.Prefix[i];
        }

        /// <summary>Tasmota's built-in prefixes (kPrefixes), also used for the fallback topic.</summary>
        private static string DefaultPrefix(int i)
        {
            return i == Cmnd ? "cmnd" : (i == Stat ? "stat" : "tele");
        }

        /// <summary>(ESP32 chip id &amp; 0x1FFF) as four decimal digits; the chip id is the last three MAC bytes.</summary>
        private static string ChipIdDigits(string mac)
        {
            int id = 0;
            int from = mac.Length > 6 ? mac.Length - 6 : 0;
            for (int i = from; i < mac.Length; i++)
            {
                char c = mac[i];
                int v = c >= '0' && c <= '9' ? c - '0' : (c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
                id = (id << 4) | v;
            }

            id &= 0x1FFF;
            char[] d = new char[4];
            for (int i = 3; i >= 0; i--)
            {
                d[i] = (char)('0' + (id % 10));
                id /= 10;
            }

            return new string(d);
        }
    }
}
