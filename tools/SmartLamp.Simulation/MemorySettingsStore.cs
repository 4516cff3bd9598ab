using SmartLamp.Core.Ports;

namespace SmartLamp.Simulation
{
    /// <summary>Settings storage in memory; can be told to fail writes or hand back damaged text.</summary>
    public sealed class MemorySettingsStore : ISettingsStore
    {
        /// <summary>The stored text (null = never saved). Tests may set it to simulate a flash image.</summary>
        public string Text { get; set; }

        /// <summary>Successful saves.</summary>
        public int Saves { get; private set; }

        /// <summary>When true every Save fails.</summary>
        public bool FailWrites { get; set; }

        /// <inheritdoc />
        public string Load()
        {
            return Text;
        }

        /// <inheritdoc />
        public bool Save(string text)
        {
            if (FailWrites)
            {
                return false;
            }

            Text = text;
            Saves++;
            return true;
        }
    }
}
