using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Rules
{
    /// <summary>The commands of <see cref="RuleVariables"/>: Var, Mem, CalcRes, Add, Sub, Mult, Scale and RuleTimer (Tasmota's answers).</summary>
    public sealed partial class RuleVariables
    {
        private void CmndVar(CommandRequest req, CommandResponse resp)
        {
            if (!req.HasIndex)
            {
                for (int i = 0; i < VarCount; i++)
                {
                    resp.Add(VarKey("Var", i + 1), _vars[i]);
                }

                return;
            }

            if (req.Index < 1 || req.Index > VarCount)
            {
                return; // {"Command":"Error"}
            }

            if (req.Payload.Length > 0)
            {
                string v = Clean(req.Payload);
                if (v == null)
                {
                    return;
                }

                SetVar(req.Index, v);
            }

            resp.Add(VarKey("Var", req.Index), _vars[req.Index - 1]);
        }

        private void CmndMem(CommandRequest req, CommandResponse resp)
        {
            if (!req.HasIndex)
            {
                for (int i = 0; i < DeviceSettings.RuleMemCount; i++)
                {
                    resp.Add(VarKey("Mem", i + 1), Mem(i + 1));
                }

                return;
            }

            if (req.Index < 1 || req.Index > DeviceSettings.RuleMemCount)
            {
                return; // {"Command":"Error"}
            }

            if (req.Payload.Length > 0)
            {
                string v = Clean(req.Payload);
                if (v == null)
                {
                    return;
                }

                _service.Set(ref _s.Mems[req.Index - 1], v, 0);

                _engine.Raise(VarKey("Mem", req.Index), "State", v);
            }

            resp.Add(VarKey("Mem", req.Index), Mem(req.Index));
        }

        private void CmndCalcRes(CommandRequest req, CommandResponse resp)
        {
            int v;
            if (req.Payload.Length > 0 && CommandValue.TryParseNumber(req.Payload, out v) && v >= 0 && v <= RuleNumber.MaxDecimals)
            {
                _service.Set(ref _s.CalcRes, v, 0);
            }

            resp.Add("CalcRes", _s.CalcRes);
        }

        private void CmndAdd(CommandRequest req, CommandResponse resp)
        {
            Arithmetic(req, resp, "Add", 0);
        }

        private void CmndSub(CommandRequest req, CommandResponse resp)
        {
            Arithmetic(req, resp, "Sub", 1);
        }

        private void CmndMult(CommandRequest req, CommandResponse resp)
        {
            Arithmetic(req, resp, "Mult", 2);
        }

        private void Arithmetic(CommandRequest req, CommandResponse resp, string name, int op)
        {
            if (req.Index < 1 || req.Index > VarCount)
            {
                return; // {"Command":"Error"}
            }

            if (req.Payload.Length > 0)
            {
                double a = RuleNumber.Parse(_vars[req.Index - 1]);
                double b = RuleNumber.Parse(req.Payload);
                double r = op == 0 ? a + b : (op == 1 ? a - b : a * b);
                SetVar(req.Index, RuleNumber.Format(r, _s.CalcRes));
            }

            resp.Add(VarKey(name, req.Index), _vars[req.Index - 1]);
        }

        private void CmndScale(CommandRequest req, CommandResponse resp)
        {
            if (req.Index < 1 || req.Index > VarCount)
            {
                return; // {"Command":"Error"}
            }

            if (req.Payload.Length > 0)
            {
                // value,fromLow,fromHigh,toLow,toHigh
                string p = req.Payload;
                double[] a = new double[5];
                int start = 0;
                for (int k = 0; k < 5; k++)
                {
                    int comma = k < 4 ? p.IndexOf(',', start) : p.Length;
                    if (comma < 0 || (k == 4 && p.IndexOf(',', start) >= 0))
                    {
                        return; // not five arguments: {"Command":"Error"}
                    }

                    a[k] = RuleNumber.Parse(p.Substring(start, comma - start));
                    start = comma + 1;
                }

                if (a[2] == a[1])
                {
                    return; // empty input range
                }

                double r = ((a[0] - a[1]) * (a[4] - a[3]) / (a[2] - a[1])) + a[3];
                SetVar(req.Index, RuleNumber.Format(r, _s.CalcRes));
            }

            resp.Add(VarKey("Scale", req.Index), _vars[req.Index - 1]);
        }

        private void CmndRuleTimer(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index < 0 || index > TimerCount)
            {
                return; // {"Command":"Error"}
            }

            if (req.Payload.Length > 0)
            {
                int seconds;
                long due = 0;
                if (CommandValue.TryParseNumber(req.Payload, out seconds) && seconds > 0)
                {
                    due = _clock.NowMs + (1000L * seconds);
                    if (due == 0)
                    {
                        due = 1;
                    }
                }

                int from = index == 0 ? 1 : index;
                int to = index == 0 ? TimerCount : index;
                for (int i = from; i <= to; i++)
                {
                    _due[i - 1] = due;
                }

                Arm();
            }

            for (int i = 1; i <= TimerCount; i++)
            {
                resp.Add(TimerKey(i), TimerSeconds(i));
            }
        }

        private void SetVar(int index1, string value)
        {
            _vars[index1 - 1] = value;
            _engine.Raise(VarKey("Var", index1), "State", value);
        }

        /// <summary>'"' clears; control characters refuse (null); longer values are cut.</summary>
        private static string Clean(string payload)
        {
            if (payload.IndexOf('"') == 0)
            {
                return string.Empty;
            }

            int max = DeviceSettings.MaxRuleVarLength;
            if (payload.Length > max)
            {
                char[] chars = payload.ToCharArray();
                if (chars[max - 1] >= '\uD800' && chars[max - 1] <= '\uDBFF')
                {
                    max--; // never split a surrogate pair
                }

                payload = new string(chars, 0, max);
            }

            return SettingsCodec.IsCleanText(payload, DeviceSettings.MaxRuleVarLength) ? payload : null;
        }
    }
}
