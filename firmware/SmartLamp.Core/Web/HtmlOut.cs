using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Web
{
    /// <summary>
    /// Streams a page through an <see cref="IHttpResponse"/> in chunks of at most
    /// <see cref="ChunkChars"/> characters, from one fixed buffer: a page is never built as one string.
    /// <see cref="Text"/> escapes for HTML (&amp; &lt; &gt; " '), <see cref="Js"/> for a JSON string.
    /// </summary>
    public sealed class HtmlOut
    {
        /// <summary>Characters buffered before a chunk is sent.</summary>
        public const int ChunkChars = 512;

        private readonly char[] _buf = new char[ChunkChars];
        private IHttpResponse _resp;
        private int _n;

        /// <summary>Characters sent since <see cref="Begin"/> (for tests and the bench).</summary>
        public int Sent { get; private set; }

        /// <summary>Chunks sent since <see cref="Begin"/>.</summary>
        public int Chunks { get; private set; }

        /// <summary>Starts an answer.</summary>
        public void Begin(IHttpResponse resp, int status, string contentType, string extraHeader)
        {
            _resp = resp;
            _n = 0;
            Sent = 0;
            Chunks = 0;
            resp.Begin(status, contentType, extraHeader);
        }

        /// <summary>Appends markup as is.</summary>
        public HtmlOut Raw(string s)
        {
            if (s == null)
            {
                return this;
            }

            for (int i = 0; i < s.Length; i++)
            {
                Put(s[i]);
            }

            return this;
        }

        /// <summary>Appends a number.</summary>
        public HtmlOut Number(long v)
        {
            if (v < 0)
            {
                Put('-');
                v = -v;
            }

            long div = 1;
            while (v / div >= 10)
            {
                div *= 10;
            }

            while (div > 0)
            {
                Put((char)('0' + ((v / div) % 10)));
                div /= 10;
            }

            return this;
        }

        /// <summary>Appends text escaped for HTML content and attribute values.</summary>
        public HtmlOut Text(string s)
        {
            if (s == null)
            {
                return this;
            }

            for (int i = 0; i < s.Length; i++)
            {
                Char(s[i], true);
            }

            return this;
        }

        /// <summary>Appends one character, escaped as <see cref="Text"/> does when <paramref name="escape"/>, else as is.</summary>
        public HtmlOut Char(char c, bool escape)
        {
            if (!escape)
            {
                Put(c);
                return this;
            }

            switch (c)
            {
                case '&': Raw("&amp;"); break;
                case '<': Raw("&lt;"); break;
                case '>': Raw("&gt;"); break;
                case '"': Raw("&quot;"); break;
                case '\'': Raw("&#39;"); break;
                default: Put(c < ' ' && c != '\n' ? '?' : c); break;
            }

            return this;
        }

        /// <summary>Appends text escaped for the inside of a JSON string.</summary>
        public HtmlOut Js(string s)
        {
            if (s == null)
            {
                return this;
            }

            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '"' || c == '\\')
                {
                    Put('\\');
                    Put(c);
                }
                else if (c == '\n')
                {
                    Raw("\\n");
                }
                else if (c < ' ' || c == '<')
                {
                    Raw("\\u00");
                    Put(HexDigit(c >> 4));
                    Put(HexDigit(c & 15));
                }
                else
                {
                    Put(c);
                }
            }

            return this;
        }

        /// <summary>Sends what is buffered and ends the answer.</summary>
        public void End()
        {
            Flush();
            _resp.End();
            _resp = null;
        }

        private static char HexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + v - 10);
        }

        private void Put(char c)
        {
            if (_n == ChunkChars)
            {
                Flush();
            }

            _buf[_n++] = c;
        }

        private void Flush()
        {
            if (_n == 0 || _resp == null)
            {
                return;
            }

            _resp.Write(new string(_buf, 0, _n));
            Sent += _n;
            Chunks++;
            _n = 0;
        }
    }
}
