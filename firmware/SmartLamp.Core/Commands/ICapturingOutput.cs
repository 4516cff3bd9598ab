namespace SmartLamp.Core.Commands
{
    /// <summary>An answer output that can also hand what it sends to an <see cref="AnswerCapture"/> (the web's /cm).</summary>
    public interface ICapturingOutput
    {
        /// <summary>While not null, every payload sent is also given to it.</summary>
        AnswerCapture Capture { get; set; }
    }
}
