using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// Masks secrets in a command line before it is echoed or logged: the value of every command whose
    /// name contains "password" (MqttPassword, Password1..4) becomes "****", also inside a Backlog
    /// ("Backlog0 Topic lamp; MqttPassword hunter22" gives "Backlog0 Topic lamp; MqttPassword ****"),
    /// so the rest of the line stays readable. A query without a value has nothing to hide and is kept.
    /// The command word ends where the dispatcher ends it (any character but a letter, digit, '_' or
    /// '/'), and a password command inside another command's value (a rule) is masked as well.
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
                // "Backlog[0] a; b; c": keep the Backlog word, mask each item on its own, split as Backlog splits.
                text.Append(line.Substring(0, wordEnd));
                int pos = wordEnd;
                while (pos <= n)
                {
                    int end = CommandValue.BacklogItemEnd(line, pos);

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

            // Another command carrying a password command in its value ("Rule1 ON ... DO MqttPassword x ENDON").
            AppendInline(text, line, start, end);
        }

        /// <summary>
        /// <paramref name="text"/> (a rule, or any text holding commands) with the value of every password
        /// command masked: "ON System#Boot DO MqttPassword secret ENDON" gives "ON System#Boot DO
        /// MqttPassword **** ENDON". A value ends at ';', at the word ENDON or BREAK, or at the end.
        /// The same instance when there is nothing to mask.
        /// </summary>
        public static string Inline(string text)
        {
            if (text == null || !Chars.MentionsPassword(text))
            {
                return text;
            }

            TextBuffer b = new TextBuffer(text.Length + 8);
            AppendInline(b, text, 0, text.Length);
            return b.ToString();
        }

        private static void AppendInline(TextBuffer text, string line, int start, int end)
        {
            int p = start;
            while (p < end)
            {
                if (!IsCommandChar(line[p]))
                {
                    text.Append(line[p]);
                    p++;
                    continue;
                }

                int wordEnd = WordEnd(line, p);
                if (wordEnd > end)
                {
                    wordEnd = end;
                }

                text.Append(line.Substring(p, wordEnd - p));
                if (!Chars.MentionsPassword(line.Substring(p, wordEnd - p)))
                {
                    p = wordEnd;
                    continue;
                }

                int valueStart = SkipSpaces(line, wordEnd);
                int valueEnd = ValueEnd(line, valueStart, end);
                while (valueEnd > valueStart && line[valueEnd - 1] <= ' ')
                {
                    valueEnd--;
                }

                if (valueEnd > valueStart)
                {
                    text.Append(' ').Append(Mask);
                    p = valueEnd;
                }
                else
                {
                    p = wordEnd;
                }
            }
        }

        /// <summary>Where a password value inside a rule ends: ';', " ENDON", " BREAK" (any case) or <paramref name="end"/>.</summary>
        private static int ValueEnd(string line, int from, int end)
        {
            for (int i = from; i < end; i++)
            {
                if (line[i] == ';')
                {
                    return i;
                }

                if (line[i] <= ' ' && (IsWordAt(line, i + 1, end, "endon") || IsWordAt(line, i + 1, end, "break")))
                {
                    return i;
                }
            }

            return end;
        }

        private static bool IsWordAt(string line, int at, int end, string lowerWord)
        {
            if (at + lowerWord.Length > end)
            {
                return false;
            }

            for (int i = 0; i < lowerWord.Length; i++)
            {
                if (Chars.ToLowerAscii(line[at + i]) != lowerWord[i])
                {
                    return false;
                }
            }

            int after = at + lowerWord.Length;
            return after == end || !IsCommandChar(line[after]);
        }

        /// <summary>The characters the command dispatcher takes into a command word (letters, digits, '_', '/').</summary>
        private static bool IsCommandChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '/';
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

        /// <summary>Skips what the dispatcher skips before a word or value: every character up to ' ' (tab, VT, CR, ...).</summary>
        private static int SkipSpaces(string line, int pos)
        {
            while (pos < line.Length && line[pos] <= ' ')
            {
                pos++;
            }

            return pos;
        }

        /// <summary>
        /// End of the command word as the dispatcher reads it: the first character that is not a letter,
        /// digit, '_' or '/' ends it, so "MqttPassword=x", "MqttPassword\vx" or "MqttPassword:x" are masked too.
        /// </summary>
        private static int WordEnd(string line, int pos)
        {
            while (pos < line.Length && IsCommandChar(line[pos]))
            {
                pos++;
            }

            return pos;
        }
    }
}
