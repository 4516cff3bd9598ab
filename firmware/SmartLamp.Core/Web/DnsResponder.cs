namespace SmartLamp.Core.Web
{
    /// <summary>
    /// The captive portal's DNS: every A (or ANY) question is answered with the access point's own
    /// address, so a phone joining the setup network opens the portal. Other question types get an
    /// empty answer (NOERROR); anything malformed, a response, or an opcode other than QUERY is dropped
    /// (returns 0). Works on caller's buffers only; never throws.
    /// </summary>
    public static class DnsResponder
    {
        /// <summary>Largest query answered (a UDP DNS message).</summary>
        public const int MaxMessage = 512;

        /// <summary>Seconds the answer may be cached.</summary>
        public const int Ttl = 60;

        /// <summary>
        /// Writes into <paramref name="answer"/> (at least query length + 16 bytes) the reply to
        /// query[0 .. length) with address <paramref name="ip4"/> (4 bytes). Returns its length, 0 = no reply.
        /// </summary>
        public static int Answer(byte[] query, int length, byte[] ip4, byte[] answer)
        {
            if (query == null || answer == null || ip4 == null || ip4.Length != 4 || length < 12 || length > MaxMessage || length > query.Length)
            {
                return 0;
            }

            bool isResponse = (query[2] & 0x80) != 0;
            int opcode = (query[2] >> 3) & 0x0F;
            int qdcount = (query[4] << 8) | query[5];
            if (isResponse || opcode != 0 || qdcount < 1)
            {
                return 0;
            }

            // The first question: labels up to a zero byte (no compression in a question), then type and class.
            int pos = 12;
            int labels = 0;
            while (true)
            {
                if (pos >= length)
                {
                    return 0;
                }

                int len = query[pos];
                if (len == 0)
                {
                    pos++;
                    break;
                }

                if ((len & 0xC0) != 0 || ++labels > 127)
                {
                    return 0;
                }

                pos += len + 1;
                if (pos - 12 > 255)
                {
                    return 0;
                }
            }

            if (pos + 4 > length)
            {
                return 0;
            }

            int qtype = (query[pos] << 8) | query[pos + 1];
            int qclass = (query[pos + 2] << 8) | query[pos + 3];
            int questionEnd = pos + 4;
            bool answerA = (qtype == 1 || qtype == 255) && (qclass == 1 || qclass == 255);
            int total = questionEnd + (answerA ? 16 : 0);
            if (answer.Length < total)
            {
                return 0;
            }

            System.Array.Copy(query, 0, answer, 0, questionEnd);
            answer[2] = (byte)(0x84 | (query[2] & 0x01)); // QR, AA, keep RD
            answer[3] = 0;                                // RA 0, RCODE NOERROR
            answer[4] = 0;
            answer[5] = 1;                                // one question (the first)
            answer[6] = 0;
            answer[7] = (byte)(answerA ? 1 : 0);
            answer[8] = 0;
            answer[9] = 0;
            answer[10] = 0;
            answer[11] = 0;
            if (answerA)
            {
                int a = questionEnd;
                answer[a] = 0xC0;     // name: pointer to the question's name at offset 12
                answer[a + 1] = 12;
                answer[a + 2] = 0;
                answer[a + 3] = 1;    // A
                answer[a + 4] = 0;
                answer[a + 5] = 1;    // IN
                answer[a + 6] = 0;
                answer[a + 7] = 0;
                answer[a + 8] = (byte)(Ttl >> 8);
                answer[a + 9] = (byte)(Ttl & 0xFF);
                answer[a + 10] = 0;
                answer[a + 11] = 4;
                answer[a + 12] = ip4[0];
                answer[a + 13] = ip4[1];
                answer[a + 14] = ip4[2];
                answer[a + 15] = ip4[3];
            }

            return total;
        }

        /// <summary>"192.168.4.1" as 4 bytes; null when not a dotted quad.</summary>
        public static byte[] ParseIp(string text)
        {
            if (text == null)
            {
                return null;
            }

            byte[] ip = new byte[4];
            int part = 0;
            int value = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c == '.')
                {
                    if (value < 0 || part > 3)
                    {
                        return null;
                    }

                    ip[part++] = (byte)value;
                    value = -1;
                }
                else if (c >= '0' && c <= '9')
                {
                    value = (value < 0 ? 0 : value * 10) + (c - '0');
                    if (value > 255)
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }
            }

            return part == 4 ? ip : null;
        }
    }
}
