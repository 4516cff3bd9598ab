using SmartLamp.Core.Text;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// Masks secrets in a command line before it is echoed or logged: the value of every command whose
    /// name contains "password" (MqttPassword, Password1..4) becomes "****", also inside a Backlog
    /// ("Backlog0 Topic lamp; MqttPassword hunter22" gives "Backlog0 Topic lamp; MqttPassword ****"),
    /// so the rest of the line stays readable. A query without a value has nothing to hide and is kept.
    /// Shared by the device console and the host Configurator.
    /// </summary>
    public static class SecretMask
    {
        /// <summary>What a secret is replaced with.</summary>
        public const string Mask = "****";

        /// <summary>The line with password values masked; the same instance when there is nothing to mask (null stays null).</summary>
        public static string CommandLine(string line)
        {
            if (line == null || !Chars.MentionsPassword(line))
            {
                return line;
            }

            TextBuffer text = new TextBuffer(line.Length + 8);
            int n = line.Length;
            int wordStart = SkipSpaces(line, 0);
            int wordEnd = WordEnd(line, wordStart);
            if (IsBacklog(line, wordStart, wordEnd))
            {
                // "Backlog[0] a; b; c": keep the Backlog word, mask each ';' segment on its own.
                text.Append(line.Substring(0, wordEnd));
                int pos = wordEnd;
                while (pos <= n)
                {
                    int end = line.IndexOf(';', pos);
                    if (end < 0)
                    {
                        end = n;
                    }

                    AppendSegment(text, line, pos, end);
                    if (end < n)
                    {
                        text.Append(';');
                    }

                    pos = end + 1;
                }
            }
            else
            {
                AppendSegment(text, line, 0, n);
            }

            return text.ToString();
        }

        private static void AppendSegment(TextBuffer text, string line, int start, int end)
        {
            int wordStart = SkipSpaces(line, start);
            int wordEnd = WordEnd(line, wordStart);
            if (wordEnd > end)
            {
                wordEnd = end;
            }

            int valueStart = SkipSpaces(line, wordEnd);
            bool hasValue = valueStart < end;
            string word = line.Substring(wordStart, wordEnd - wordStart);
            if (hasValue && Chars.MentionsPassword(word))
            {
                text.Append(line.Substring(start, wordEnd - start)).Append(' ').Append(Mask);
                return;
            }

            text.Append(line.Substring(start, end - start));
        }

        private static bool IsBacklog(string line, int start, int end)
        {
            // The command word may carry a topic preamble ("cmnd/lamp/Backlog").
            for (int i = start; i < end; i++)
            {
                if (line[i] == '/')
                {
                    start = i + 1;
                }
            }

            string word = "backlog";
            if (end - start < word.Length)
            {
                return false;
            }

            for (int i = 0; i < word.Length; i++)
            {
                if (Chars.ToLowerAscii(line[start + i]) != word[i])
                {
                    return false;
                }
            }

            for (int i = start + word.Length; i < end; i++)
            {
                if (line[i] < '0' || line[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static int SkipSpaces(string line, int pos)
        {
            while (pos < line.Length && (line[pos] == ' ' || line[pos] == '\t'))
            {
                pos++;
            }

            return pos;
        }

        private static int WordEnd(string line, int pos)
        {
            while (pos < line.Length && line[pos] != ' ' && line[pos] != '\t' && line[pos] != ';')
            {
                pos++;
            }

            return pos;
        }
    }
}
