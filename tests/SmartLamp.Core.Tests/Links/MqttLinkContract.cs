using System;
using System.Threading;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Tests.Links
{
    /// <summary>
    /// Plays the broker for one <see cref="IMqttLink"/> implementation in <see cref="MqttLinkContract"/>.
    /// One bench per test: <see cref="Start"/> builds a fresh link.
    /// </summary>
    public interface IMqttLinkBench
    {
        /// <summary>Builds the link under test with <paramref name="listener"/> attached.</summary>
        IMqttLink Start(IMqttLinkListener listener);

        /// <summary>How long a report may take to arrive (0 for links that report synchronously).</summary>
        int PatienceMs { get; }

        /// <summary>Calls Connect with options for an attempt that the broker will accept, refuse, or hold unanswered (see <see cref="MqttLinkContract"/> plans).</summary>
        void Connect(int plan);

        /// <summary>Makes the broker answer the attempt of the last <see cref="Connect"/> as planned (held: a late answer).</summary>
        void Answer();

        /// <summary>The broker ends the live session (not asked for by the core).</summary>
        void Drop();

        /// <summary>The broker sends a message on <paramref name="topic"/>, which the link subscribed to.</summary>
        void Deliver(string topic, string payload);

        /// <summary>What the library of the session closed last may still report (a close, a message).</summary>
        void LateEvents();
    }

    /// <summary>
    /// The contract of <see cref="IMqttLink"/>, written once and run against every implementation through an
    /// <see cref="IMqttLinkBench"/>: the test double, the core's state machine with a scripted library, and
    /// the simulator's MQTTnet link against a real mosquitto. Each check throws on a broken rule (mscorlib
    /// only, so it runs on the nanoCLR and on the host alike).
    /// </summary>
    public static class MqttLinkContract
    {
        /// <summary>The broker accepts the attempt.</summary>
        public const int Accept = 0;

        /// <summary>The broker refuses the attempt.</summary>
        public const int Refuse = 1;

        /// <summary>The attempt gets no answer until <see cref="IMqttLinkBench.Answer"/>.</summary>
        public const int Hold = 2;

        private const string Topic = "contract/in";

        /// <summary>Rule: an accepted Connect reports exactly one connected, and the link is up.</summary>
        public static void Accepted_Connect_Reports_One_Connected(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = Up(bench, r);
            Settle(bench);
            Check(r.Connected == 1 && r.Failed == 0, "one connected, no failure", r);
            Check(link.IsConnected, "IsConnected after connected", r);
            r.Verify();
        }

        /// <summary>Rule: a refused Connect reports exactly one failure, and the link stays down.</summary>
        public static void Refused_Connect_Reports_One_Failure(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = bench.Start(r);
            bench.Connect(Refuse);
            bench.Answer();
            r.WaitFor(ContractRecorder.ResultsKind, 1, bench.PatienceMs);
            Settle(bench);
            Check(r.Failed == 1 && r.Connected == 0, "one failure, no connected", r);
            Check(!link.IsConnected, "down after a failure", r);
            Check(!link.Publish("contract/out", "x", false, false), "publish refused after a failure", r);
            r.Verify();
        }

        /// <summary>Rule: Publish is refused while down (never connected, connect pending) and accepted while up.</summary>
        public static void Publish_Is_Refused_While_Down(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = bench.Start(r);
            Check(!link.Publish("contract/out", "x", false, false), "publish refused before any connect", r);
            bench.Connect(Hold);
            Check(!link.Publish("contract/out", "x", false, false), "publish refused while the connect is pending", r);
            link.Disconnect();
            bench.Connect(Accept);
            bench.Answer();
            r.WaitFor(ContractRecorder.ResultsKind, 1, bench.PatienceMs);
            Check(link.Publish("contract/out", "x", false, false), "publish accepted while up", r);
            r.Verify();
        }

        /// <summary>Rule: a message on a subscribed topic reaches the listener while up.</summary>
        public static void Messages_Reach_The_Listener_While_Up(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = Up(bench, r);
            link.Subscribe(Topic);
            bench.Deliver(Topic, "hello");
            r.WaitFor(ContractRecorder.MessagesKind, 1, bench.PatienceMs);
            Check(r.Messages == 1 && r.LastPayload == "hello", "the message arrives once", r);
            r.Verify();
        }

        /// <summary>Rule: a Disconnect the core asks for brings the link down and is never reported.</summary>
        public static void Requested_Disconnect_Is_Not_Reported(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = Up(bench, r);
            link.Subscribe(Topic);
            link.Disconnect();
            Check(!link.IsConnected, "down after Disconnect", r);
            Check(!link.Publish("contract/out", "x", false, false), "publish refused after Disconnect", r);
            Settle(bench);
            Check(r.Disconnected == 0, "no disconnected report for a requested Disconnect", r);
            r.Verify();
        }

        /// <summary>Rule: a session the broker ends is reported once; the link is then down.</summary>
        public static void Lost_Session_Is_Reported_Once(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = Up(bench, r);
            bench.Drop();
            r.WaitFor(ContractRecorder.DisconnectsKind, 1, bench.PatienceMs);
            Settle(bench);
            Check(r.Disconnected == 1, "one disconnected report", r);
            Check(!link.IsConnected, "down after the loss", r);
            Check(!link.Publish("contract/out", "x", false, false), "publish refused after the loss", r);
            r.Verify();
        }

        /// <summary>Rule: a Disconnect while the connect is pending ends the attempt without any result.</summary>
        public static void Disconnect_While_Connecting_Reports_Nothing(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = bench.Start(r);
            bench.Connect(Hold);
            link.Disconnect();
            bench.Answer();
            Settle(bench);
            Check(r.ResultCount == 0, "no result for an abandoned attempt", r);
            Check(!link.IsConnected, "down after an abandoned attempt", r);
            r.Verify();
        }

        /// <summary>Rule: Connect while up replaces the session: one more connected, no disconnected for the old one.</summary>
        public static void Reconnect_Replaces_The_Session_Silently(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = Up(bench, r);
            bench.Connect(Accept);
            bench.Answer();
            r.WaitFor(ContractRecorder.ResultsKind, 2, bench.PatienceMs);
            Settle(bench);
            Check(r.Connected == 2 && r.Disconnected == 0, "connected twice, the replaced session not reported", r);
            Check(link.IsConnected && link.Publish("contract/out", "x", false, false), "the new session is up", r);
            r.Verify();
        }

        /// <summary>Rule: what the library still reports for a replaced or closed session (a close, a message) is dropped.</summary>
        public static void Late_Events_Of_A_Closed_Session_Are_Dropped(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = Up(bench, r);
            link.Subscribe(Topic);
            bench.Connect(Accept);
            bench.Answer();
            r.WaitFor(ContractRecorder.ResultsKind, 2, bench.PatienceMs);
            bench.LateEvents();
            Settle(bench);
            Check(r.Connected == 2 && r.Disconnected == 0 && r.Messages == 0, "nothing reported for the replaced session", r);
            Check(link.IsConnected, "the new session stays up", r);
            link.Disconnect();
            bench.LateEvents();
            Settle(bench);
            Check(r.Disconnected == 0 && r.Messages == 0, "nothing reported for a closed session", r);
            Check(!link.IsConnected, "still down", r);
            r.Verify();
        }

        /// <summary>Rule: reports never overlap, even when the library reports from two threads at once.</summary>
        public static void Reports_Never_Overlap(IMqttLinkBench bench)
        {
            ContractRecorder r = new ContractRecorder();
            IMqttLink link = Up(bench, r);
            link.Subscribe(Topic);
            _bench = bench;
            Thread other = new Thread(new ThreadStart(DeliverMany));
            other.Start();
            DeliverMany();
            other.Join();
            _bench = null;
            r.WaitFor(ContractRecorder.MessagesKind, 2 * Burst, bench.PatienceMs);
            Check(r.Messages == 2 * Burst, "every message arrives", r);
            r.Verify();
        }

        private const int Burst = 20;

        private static IMqttLinkBench _bench;

        private static void DeliverMany()
        {
            for (int i = 0; i < Burst; i++)
            {
                _bench.Deliver(Topic, "m");
            }
        }

        private static IMqttLink Up(IMqttLinkBench bench, ContractRecorder r)
        {
            IMqttLink link = bench.Start(r);
            bench.Connect(Accept);
            bench.Answer();
            r.WaitFor(ContractRecorder.ResultsKind, 1, bench.PatienceMs);
            Check(r.Connected == 1, "the broker accepted the connect", r);
            return link;
        }

        private static void Settle(IMqttLinkBench bench)
        {
            if (bench.PatienceMs > 0)
            {
                Thread.Sleep(300);
            }
        }

        private static void Check(bool ok, string rule, ContractRecorder r)
        {
            if (!ok)
            {
                throw new Exception("link contract broken: " + rule + " (" + r.Summary() + ")");
            }
        }
    }

    /// <summary>Counts what a link reports and notices overlapping reports and a disconnected without a connected.</summary>
    public sealed class ContractRecorder : IMqttLinkListener
    {
        /// <summary>Connected + failed reports.</summary>
        public const int ResultsKind = 0;

        /// <summary>Disconnected reports.</summary>
        public const int DisconnectsKind = 1;

        /// <summary>Message reports.</summary>
        public const int MessagesKind = 2;

        private readonly object _lock = new object();
        private int _inside;
        private bool _up;

        /// <summary>Connected reports.</summary>
        public int Connected;

        /// <summary>Failed reports.</summary>
        public int Failed;

        /// <summary>Disconnected reports.</summary>
        public int Disconnected;

        /// <summary>Message reports.</summary>
        public int Messages;

        /// <summary>Reports that began while another was running.</summary>
        public int Overlaps;

        /// <summary>Disconnected reports that did not follow a connected one.</summary>
        public int Unpaired;

        /// <summary>Payload of the last message.</summary>
        public string LastPayload;

        /// <summary>Connected + failed.</summary>
        public int ResultCount
        {
            get { return Connected + Failed; }
        }

        /// <summary>Waits until the counter <paramref name="what"/> reaches <paramref name="n"/> or <paramref name="patienceMs"/> pass.</summary>
        public void WaitFor(int what, int n, int patienceMs)
        {
            for (int waited = 0; Count(what) < n && waited < patienceMs; waited += 10)
            {
                Thread.Sleep(10);
            }
        }

        /// <summary>Throws when reports overlapped or a disconnected came without a connected.</summary>
        public void Verify()
        {
            if (Overlaps != 0 || Unpaired != 0)
            {
                throw new Exception("link contract broken: reports overlapped or disconnected without connected (" + Summary() + ")");
            }
        }

        /// <summary>The counters, for a failure message.</summary>
        public string Summary()
        {
            return "connected " + Connected + ", failed " + Failed + ", disconnected " + Disconnected + ", messages " + Messages +
                ", overlaps " + Overlaps + ", unpaired " + Unpaired;
        }

        /// <inheritdoc />
        public void OnMqttConnected()
        {
            Enter();
            lock (_lock)
            {
                _up = true;
                Connected++;
            }

            Leave();
        }

        /// <inheritdoc />
        public void OnMqttConnectFailed(int reasonCode)
        {
            Enter();
            lock (_lock)
            {
                Failed++;
            }

            Leave();
        }

        /// <inheritdoc />
        public void OnMqttDisconnected()
        {
            Enter();
            lock (_lock)
            {
                if (!_up)
                {
                    Unpaired++;
                }

                _up = false;
                Disconnected++;
            }

            Leave();
        }

        /// <inheritdoc />
        public void OnMqttMessage(string topic, string payload, bool retained)
        {
            Enter();
            lock (_lock)
            {
                LastPayload = payload;
                Messages++;
            }

            Leave();
        }

        private int Count(int what)
        {
            lock (_lock)
            {
                return what == ResultsKind ? Connected + Failed : (what == DisconnectsKind ? Disconnected : Messages);
            }
        }

        // A report that starts while another runs is an overlap; each report lingers a little so that
        // reports from two library threads would meet here.
        private void Enter()
        {
            lock (_lock)
            {
                _inside++;
                if (_inside > 1)
                {
                    Overlaps++;
                }
            }

            Thread.Sleep(1);
        }

        private void Leave()
        {
            lock (_lock)
            {
                _inside--;
            }
        }
    }
}
