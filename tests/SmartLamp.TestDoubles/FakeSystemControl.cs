using SmartLamp.Core.Ports;

namespace SmartLamp.TestDoubles
{
    /// <summary>Counts restart requests and reports a configurable boot kind.</summary>
    public sealed class FakeSystemControl : ISystemControl
    {
        /// <summary>Creates a control reporting a cold boot.</summary>
        public FakeSystemControl()
        {
            IsColdBoot = true;
            FreeHeapBytes = 80000;
        }

        /// <summary>Restart requests so far.</summary>
        public int Restarts { get; private set; }

        /// <summary>Called on <see cref="Restart"/> (the simulator performs a warm restart there).</summary>
        public event RestartHandler RestartRequested;

        /// <inheritdoc />
        public int FreeHeapBytes { get; set; }

        /// <inheritdoc />
        public bool IsColdBoot { get; set; }

        /// <inheritdoc />
        public string RestartReason
        {
            get { return IsColdBoot ? "Power On" : "Software/System restart"; }
        }

        /// <inheritdoc />
        public void Restart()
        {
            Restarts++;
            RestartHandler h = RestartRequested;
            if (h != null)
            {
                h();
            }
        }
    }

    /// <summary>Restart callback.</summary>
    public delegate void RestartHandler();
}
