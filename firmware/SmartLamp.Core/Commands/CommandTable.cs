using System;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// The dispatcher's command table: one slot per capability, holding the capability's name table (the
    /// caller's <c>static readonly string[]</c>, kept, not copied) and its one handler. A command is found
    /// by its name in any case; its position in its capability's table is what the handler switches on.
    /// </summary>
    internal sealed class CommandTable
    {
        private object[] _tables = ArraySlots.Nulls(new object[16]); // string[] per capability
        private CommandHandler[] _handlers = (CommandHandler[])ArraySlots.Nulls(new CommandHandler[16]);
        private int _capabilities;
        private int _count;

        /// <summary>Number of registered command names (over all capabilities).</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Adds a capability (see <see cref="CommandDispatcher.Register"/>); throws, registering nothing, on a bad or taken name.</summary>
        public void Register(string[] upperNames, CommandHandler handler)
        {
            if (upperNames == null || upperNames.Length == 0)
            {
                throw new ArgumentException("command names required", "upperNames");
            }

            Require.NotNull(handler, "handler");

            for (int n = 0; n < upperNames.Length; n++)
            {
                CheckName(upperNames, n);
            }

            if (_capabilities == _tables.Length)
            {
                Resize(_capabilities * 2);
            }

            _tables[_capabilities] = upperNames;
            _handlers[_capabilities] = handler;
            _capabilities++;
            _count += upperNames.Length;
        }

        /// <summary>Name of command <paramref name="i"/> counted over all capabilities in registration order, or null.</summary>
        public string NameAt(int i)
        {
            if (i < 0)
            {
                return null;
            }

            for (int t = 0; t < _capabilities; t++)
            {
                string[] names = (string[])_tables[t];
                if (i < names.Length)
                {
                    return names[i];
                }

                i -= names.Length;
            }

            return null;
        }

        /// <summary>Shrinks the slots to the registered capabilities (a later Register grows them again).</summary>
        public void TrimToCount()
        {
            if (_capabilities == _tables.Length || _capabilities == 0)
            {
                return;
            }

            Resize(_capabilities);
        }

        /// <summary>Name <paramref name="command"/> of capability <paramref name="capability"/> (both from <see cref="Find"/>).</summary>
        public string Name(int capability, int command)
        {
            return ((string[])_tables[capability])[command];
        }

        /// <summary>Handler of capability <paramref name="capability"/> (from <see cref="Find"/>).</summary>
        public CommandHandler Handler(int capability)
        {
            return _handlers[capability];
        }

        /// <summary>
        /// Capability (table slot) of the command named text[start .. start+length) (any case), or -1;
        /// <paramref name="command"/> is the name's position in that capability's names.
        /// </summary>
        public int Find(string text, int start, int length, out int command)
        {
            command = -1;
            if (length <= 0)
            {
                return -1;
            }

            for (int t = 0; t < _capabilities; t++)
            {
                string[] names = (string[])_tables[t];
                for (int i = 0; i < names.Length; i++)
                {
                    string name = names[i];
                    if (name.Length != length)
                    {
                        continue;
                    }

                    int j = 0;
                    while (j < length && CommandValue.ToUpperAscii(text[start + j]) == name[j])
                    {
                        j++;
                    }

                    if (j == length)
                    {
                        command = i;
                        return t;
                    }
                }
            }

            return -1;
        }

        /// <summary>Throws unless names[n] is upper-case letters or '_', and neither registered already nor repeated in its own table.</summary>
        private void CheckName(string[] names, int n)
        {
            string upperName = names[n];
            if (upperName == null || upperName.Length == 0)
            {
                throw new ArgumentException("command name required", "upperNames");
            }

            for (int i = 0; i < upperName.Length; i++)
            {
                char c = upperName[i];
                if (!((c >= 'A' && c <= 'Z') || c == '_'))
                {
                    throw new ArgumentException("command names are upper-case letters or '_': " + upperName, "upperNames");
                }
            }

            int command;
            bool twice = Find(upperName, 0, upperName.Length, out command) >= 0;
            for (int i = 0; i < n && !twice; i++)
            {
                twice = names[i] == upperName;
            }

            if (twice)
            {
                throw new ArgumentException("command registered twice: " + upperName, "upperNames");
            }
        }

        private void Resize(int length)
        {
            object[] tables = ArraySlots.Nulls(new object[length]);
            CommandHandler[] handlers = (CommandHandler[])ArraySlots.Nulls(new CommandHandler[length]);
            Array.Copy(_tables, tables, _capabilities);
            Array.Copy(_handlers, handlers, _capabilities);
            _tables = tables;
            _handlers = handlers;
        }
    }
}
