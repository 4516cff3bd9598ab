using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// Blink (Power 3) and BlinkOff (Power 4) with BlinkTime/BlinkCount: the relay toggles every
    /// BlinkTime tenths of a second for BlinkCount cycles on one loop timeout and ends in its
    /// pre-blink state; a start and an end are announced as <see cref="RelayReport.BlinkOn"/> /
    /// <see cref="RelayReport.BlinkOff"/>, the toggles in between are not.
    /// </summary>
    public sealed partial class PowerController
    {
        private const int FirstBlinkDelayMs = 100;

        private ITimer _blinkTimer;
        private int _blinkMask;
        private int _blinkSave;
        private bool _blinkPower;
        private int _blinkCounter;

        /// <summary>Bit i set while relay i blinks.</summary>
        public int BlinkMask
        {
            get { return _blinkMask; }
        }

        private void StartBlink(int relayIndex0, RelayChangeReason reason)
        {
            int bit = 1 << relayIndex0;
            if ((_blinkMask & bit) == 0)
            {
                int logical = PowerState;
                _blinkSave = (_blinkSave & ~bit) | (logical & bit);
                _blinkPower = (logical & bit) != 0;
            }

            _blinkCounter = BlinkHalfCycles() + 1;
            _blinkMask |= bit;
            _blinkTimer.Start(FirstBlinkDelayMs, 0);
            Announce(reason, bit, RelayReport.BlinkOn);
        }

        /// <summary>Power 4: a blinking relay stops and shows its restored state; otherwise only BLINK OFF is announced.</summary>
        private void EndBlink(int relayIndex0, RelayChangeReason reason)
        {
            int bit = 1 << relayIndex0;
            if ((_blinkMask & bit) != 0)
            {
                StopBlinking(relayIndex0, reason);
                Announce(reason, bit, RelayReport.State);
            }
            else
            {
                Announce(reason, bit, RelayReport.BlinkOff);
            }
        }

        private void CmndBlinkTime(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1 && v <= 3600)
            {
                _service.Set(ref _settings.BlinkTime, v, 0);
                if (_blinkMask != 0)
                {
                    _blinkTimer.Start((long)v * 100, 0);
                }
            }

            resp.Add("BlinkTime", _settings.BlinkTime);
        }

        private void CmndBlinkCount(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= 32000)
            {
                _service.Set(ref _settings.BlinkCount, v, 0);
                if (_blinkMask != 0)
                {
                    _blinkCounter = BlinkHalfCycles();
                }
            }

            resp.Add("BlinkCount", _settings.BlinkCount);
        }

        private int BlinkHalfCycles()
        {
            return _settings.BlinkCount == 0 ? 64000 : _settings.BlinkCount * 2;
        }

        private void OnBlinkTimer()
        {
            try
            {
                if (_blinkMask == 0)
                {
                    return;
                }

                _why = RelayChangeReason.Blink;
                _blinkTimer.Start((long)_settings.BlinkTime * 100, 0);
                _blinkCounter--;
                if (_blinkCounter <= 0)
                {
                    StopAllBlinking();
                    return;
                }

                _blinkPower = !_blinkPower;
                int physical = (PowerState & ~_blinkMask) | (_blinkPower ? _blinkMask : 0);
                ApplyPhysical(physical);
            }
            catch (Exception ex)
            {
                LogError("Blink failed: ", ex.Message);
            }
        }

        private void StopAllBlinking()
        {
            for (int i = 0; i < _count; i++)
            {
                if ((_blinkMask & (1 << i)) != 0)
                {
                    StopBlinking(i, RelayChangeReason.Blink);
                    Announce(RelayChangeReason.Blink, 1 << i, RelayReport.State);
                }
            }
        }

        /// <summary>Ends relay i's blink: BLINK OFF is announced, the relay returns to its pre-blink state.</summary>
        private void StopBlinking(int i, RelayChangeReason reason)
        {
            int bit = 1 << i;
            int restored = PowerState;
            _blinkMask &= ~bit;
            if (_blinkMask == 0)
            {
                _blinkTimer.Stop();
            }

            Announce(reason, bit, RelayReport.BlinkOff);
            ApplyLogical(restored);
        }
    }
}
