using SmartLamp.Core.Text;

namespace SmartLamp.Core.Web
{
    /// <summary>
    /// Reads arguments from a request target's query ("/cm?cmnd=Power%20on") and a url-encoded form
    /// body: %XX and '+' are decoded, UTF-8 sequences become characters (an invalid one becomes
    /// U+FFFD). Never throws; a missing argument is null. Allocates only the returned value.
    /// </summary>
    public static class HttpForm
    {
        /// <summary>Longest decoded argument value; longer values are cut.</summary>
        public const int MaxValueLength = 512;

        /// <summary>The path of a target ("/cm" for "/cm?cmnd=x"), still encoded.</summary>
        public static string Path(string target)
        {
            if (target == null)
            {
                return "/";
            }

            int q = target.IndexOf('?');
            return q < 0 ? target : target.Substring(0, q);
        }

        /// <summary>The value of argument <paramref name="name"/> from the target's query, else from the body; null when absent.</summary>
        public static string Arg(string target, string body, string name)
        {
            string v = null;
            if (target != null)
            {
                int q = target.IndexOf('?');
                if (q >= 0)
                {
                    v = Find(target, q + 1, name);
                }
            }

            if (v == null && body != null && body.Length > 0)
            {
                v = Find(body, 0, name);
            }

            return v;
        }

        /// <summary>True when the argument is present (with or without a value).</summary>
        public static bool Has(string target, string body, string name)
        {
            return Arg(target, body, name) != null;
        }

        private static string Find(string s, int start, string name)
        {
            int pos = start;
            int n = s.Length;
            while (pos <= n)
            {
                int amp = s.IndexOf('&', pos);
                int end = amp < 0 ? n : amp;
                int eq = s.IndexOf('=', pos);
                int keyEnd = eq < 0 || eq > end ? end : eq;
                if (keyEnd - pos == name.Length && SameIgnoreCase(s, pos, name))
                {
                    return keyEnd == end ? string.Empty : Decode(s, keyEnd + 1, end);
                }

                if (amp < 0)
                {
                    break;
                }

                pos = amp + 1;
            }

            return null;
        }

        private static bool SameIgnoreCase(string s, int start, string name)
        {
            return Chars.EqualsIgnoreCase(s, start, start + name.Length, name, 0, name.Length);
        }

        /// <summary>Decodes s[start .. end) (%XX, '+', UTF-8), at most <see cref="MaxValueLength"/> characters.</summary>
        public static string Decode(string s, int start, int end)
        {
            char[] outChars = new char[end - start < MaxValueLength ? end - start : MaxValueLength];
            int o = 0;
            int i = start;
            while (i < end && o < outChars.Length)
            {
                int b = NextByte(s, ref i, end);
                if (b < 0x80)
                {
                    outChars[o++] = (char)b;
                    continue;
                }

                int extra = b >= 0xF0 && b < 0xF8 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
                if (extra < 0 || b >= 0xF8)
                {
                    outChars[o++] = '\uFFFD';
                    continue;
                }

                int cp = b & (0x3F >> extra);
                bool ok = true;
                for (int k = 0; k < extra; k++)
                {
                    int save = i;
                    int c = i < end ? NextByte(s, ref i, end) : -1;
                    if (c < 0x80 || c > 0xBF)
                    {
                        i = save;
                        ok = false;
                        break;
                    }

                    cp = (cp << 6) | (c & 0x3F);
                }

                if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    outChars[o++] = '\uFFFD';
                }
                else if (cp >= 0x10000)
                {
                    if (o + 2 > outChars.Length)
                    {
                        break;
                    }

                    cp -= 0x10000;
                    outChars[o++] = (char)(0xD800 + (cp >> 10));
                    outChars[o++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    outChars[o++] = (char)cp;
                }
            }

            return new string(outChars, 0, o);
        }

        /// <summary>The next byte: a %XX escape, '+' as space, or the character itself (its low byte when above U+00FF).</summary>
        private static int NextByte(string s, ref int i, int end)
        {
            char c = s[i];
            if (c == '%' && i + 2 < end)
            {
                int h = Chars.HexValue(s[i + 1]);
                int l = Chars.HexValue(s[i + 2]);
                if (h >= 0 && l >= 0)
                {
                    i += 3;
                    return (h << 4) | l;
                }
            }

            i++;
            if (c == '+')
            {
                return ' ';
            }

            return c > 0xFF ? '?' : c;
        }

    }
}
