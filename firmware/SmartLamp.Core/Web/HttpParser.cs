using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Web
{
    /// <summary>
    /// Reads an HTTP/1.x request from raw bytes into an <see cref="HttpRequest"/> with fixed limits,
    /// for adapters that get a byte stream (the simulator's TCP server; the fuzzer). Never throws on
    /// bad input: a malformed request gets <see cref="HttpRequest.Status"/> 400, an unknown method 405,
    /// a too long target 414, a too long head 431, a too long body 413.
    /// </summary>
    public static class HttpParser
    {
        /// <summary>Returned by <see cref="Parse"/> while the request is not complete yet.</summary>
        public const int NeedMore = -1;

        /// <summary>
        /// Parses buf[0 .. length). Returns <see cref="NeedMore"/> when more bytes are needed (and the
        /// limits are not exceeded yet), else the number of bytes the request used; then
        /// <paramref name="req"/> holds it (Status 0) or the error status.
        /// </summary>
        public static int Parse(byte[] buf, int length, HttpRequest req)
        {
            req.Clear();
            if (buf == null || length <= 0)
            {
                return NeedMore;
            }

            if (length > buf.Length)
            {
                length = buf.Length;
            }

            int headEnd = FindHeadEnd(buf, length);
            if (headEnd < 0)
            {
                int lineEnd = IndexOf(buf, 0, length, (byte)'\n');
                if (lineEnd < 0 && length > HttpRequest.MaxTargetLength + 32)
                {
                    return Fail(req, 414, length);
                }

                return length >= HttpRequest.MaxHeadLength ? Fail(req, 431, length) : NeedMore;
            }

            if (headEnd > HttpRequest.MaxHeadLength)
            {
                return Fail(req, 431, headEnd);
            }

            // Request line: METHOD SP target SP HTTP/x.y
            int eol = IndexOf(buf, 0, headEnd, (byte)'\n');
            if (eol < 0)
            {
                eol = headEnd; // no header lines
            }

            int lineLen = eol > 0 && buf[eol - 1] == '\r' ? eol - 1 : eol;
            int sp1 = IndexOf(buf, 0, lineLen, (byte)' ');
            int sp2 = sp1 < 0 ? -1 : IndexOf(buf, sp1 + 1, lineLen, (byte)' ');
            if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || !IsVersion(buf, sp2 + 1, lineLen))
            {
                return Fail(req, 400, headEnd);
            }

            if (sp2 - sp1 - 1 > HttpRequest.MaxTargetLength)
            {
                return Fail(req, 414, headEnd);
            }

            for (int i = 0; i < sp1; i++)
            {
                if (buf[i] < 'A' || buf[i] > 'Z')
                {
                    return Fail(req, 400, headEnd);
                }
            }

            for (int i = sp1 + 1; i < sp2; i++)
            {
                if (buf[i] <= 32 || buf[i] >= 127)
                {
                    return Fail(req, 400, headEnd);
                }
            }

            req.Method = Latin1(buf, 0, sp1);
            req.Target = Latin1(buf, sp1 + 1, sp2 - sp1 - 1);
            if (req.Target[0] != '/')
            {
                return Fail(req, 400, headEnd);
            }

            // Headers: only Content-Length, Authorization and Host matter.
            int contentLength = 0;
            int pos = eol + 1;
            while (pos < headEnd)
            {
                int end = IndexOf(buf, pos, headEnd, (byte)'\n');
                if (end < 0)
                {
                    end = headEnd;
                }

                int stop = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
                if (stop > pos)
                {
                    int colon = IndexOf(buf, pos, stop, (byte)':');
                    if (colon <= pos)
                    {
                        return Fail(req, 400, headEnd);
                    }

                    int v = colon + 1;
                    while (v < stop && Chars.IsSpace((char)buf[v]))
                    {
                        v++;
                    }

                    if (NameIs(buf, pos, colon, "content-length"))
                    {
                        contentLength = ParseLength(buf, v, stop);
                        if (contentLength < 0)
                        {
                            return Fail(req, 400, headEnd);
                        }
                    }
                    else if (NameIs(buf, pos, colon, "authorization"))
                    {
                        req.Authorization = Latin1(buf, v, stop - v);
                    }
                    else if (NameIs(buf, pos, colon, "host"))
                    {
                        req.Host = Latin1(buf, v, stop - v);
                    }
                    else if (NameIs(buf, pos, colon, "transfer-encoding"))
                    {
                        return Fail(req, 400, headEnd); // no chunked uploads
                    }
                }

                pos = end + 1;
            }

            int bodyStart = headEnd + (buf[headEnd] == '\r' ? 4 : 2);
            if (contentLength > HttpRequest.MaxBodyLength)
            {
                return Fail(req, 413, length);
            }

            if (length - bodyStart < contentLength)
            {
                return NeedMore;
            }

            req.Body = contentLength == 0 ? string.Empty : Latin1(buf, bodyStart, contentLength);
            if (req.Method != "GET" && req.Method != "POST" && req.Method != "HEAD")
            {
                req.Status = 405;
            }

            return bodyStart + contentLength;
        }

        private static int Fail(HttpRequest req, int status, int used)
        {
            req.Clear();
            req.Status = status;
            return used;
        }

        /// <summary>Index of the blank line ending the head (its first CR or LF), or -1.</summary>
        private static int FindHeadEnd(byte[] buf, int length)
        {
            for (int i = 0; i + 1 < length; i++)
            {
                if (buf[i] == '\n' && buf[i + 1] == '\n')
                {
                    return i; // body after the two LFs
                }

                if (i + 3 < length && buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsVersion(byte[] buf, int start, int end)
        {
            return end - start == 8 && buf[start] == 'H' && buf[start + 1] == 'T' && buf[start + 2] == 'T' && buf[start + 3] == 'P'
                && buf[start + 4] == '/' && buf[start + 5] == '1' && buf[start + 6] == '.' && (buf[start + 7] == '0' || buf[start + 7] == '1');
        }

        private static int IndexOf(byte[] buf, int start, int end, byte b)
        {
            for (int i = start; i < end; i++)
            {
                if (buf[i] == b)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool NameIs(byte[] buf, int start, int end, string lowerName)
        {
            if (end - start != lowerName.Length)
            {
                return false;
            }

            for (int i = 0; i < lowerName.Length; i++)
            {
                int c = buf[start + i];
                if (c >= 'A' && c <= 'Z')
                {
                    c += 32;
                }

                if (c != lowerName[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int ParseLength(byte[] buf, int start, int end)
        {
            while (end > start && Chars.IsSpace((char)buf[end - 1]))
            {
                end--;
            }

            if (end == start || end - start > 7)
            {
                return end - start > 7 ? HttpRequest.MaxBodyLength + 1 : -1;
            }

            int v = 0;
            for (int i = start; i < end; i++)
            {
                if (buf[i] < '0' || buf[i] > '9')
                {
                    return -1;
                }

                v = (v * 10) + (buf[i] - '0');
            }

            return v;
        }

        private static string Latin1(byte[] buf, int start, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buf[start + i];
            }

            return new string(chars);
        }
    }
}
