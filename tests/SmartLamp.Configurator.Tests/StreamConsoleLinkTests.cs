using System.Text;
using SmartLamp.Configurator;

namespace SmartLamp.Configurator.Tests;

[TestClass]
public class StreamConsoleLinkTests
{
    /// <summary>Reads from one buffer, writes to another (a MemoryStream alone would share its position).</summary>
    private sealed class Duplex : Stream
    {
        private readonly MemoryStream _in;

        public Duplex(string input)
        {
            _in = new MemoryStream(Encoding.UTF8.GetBytes(input));
        }

        public MemoryStream Written { get; } = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
    }

    [TestMethod]
    public void Lines_End_At_Crlf_Lf_Or_Cr_And_Are_Utf8()
    {
        var s = new Duplex("one\r\ntwo\nK\u00fcche\rlast\r\n");
        using var link = new StreamConsoleLink(s);

        Assert.AreEqual("one", link.ReadLine(TimeSpan.FromSeconds(5)));
        Assert.AreEqual("two", link.ReadLine(TimeSpan.FromSeconds(5)));
        Assert.AreEqual("K\u00fcche", link.ReadLine(TimeSpan.FromSeconds(5)));
        Assert.AreEqual("last", link.ReadLine(TimeSpan.FromSeconds(5)));
    }

    [TestMethod]
    public void Lines_Are_Sent_With_Crlf()
    {
        var s = new Duplex(string.Empty);
        using var link = new StreamConsoleLink(s);

        link.WriteLine("SSId1 K\u00fcche");

        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("SSId1 K\u00fcche\r\n"), s.Written.ToArray());
    }

    [TestMethod]
    public void The_End_Of_The_Stream_Is_A_Lost_Port()
    {
        var s = new Duplex("only\n");
        using var link = new StreamConsoleLink(s);

        Assert.AreEqual("only", link.ReadLine(TimeSpan.FromSeconds(5)));
        var e = Assert.ThrowsExactly<ConfiguratorException>(() => link.ReadLine(TimeSpan.FromSeconds(5)));
        Assert.AreEqual(ExitCodes.PortLost, e.ExitCode);
    }
}
