// Host-only (reflection): every field of DeviceSettings reaches the stored file, so a field added
// without its line in Settings/SettingsSchema.cs is caught. Not compiled into the nanoFramework test build.
using System;
using System.Reflection;
using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Tests.HostOnly
{
    [TestClass]
    public class SettingsCoverageTests
    {
        /// <summary>Runtime-only fields, deliberately not stored.</summary>
        private static readonly string[] NotStored = { "LoadReport", "SaveCount" };

        [TestMethod]
        public void Every_Settings_Field_Is_In_The_Stored_File()
        {
            string defaults = SettingsCodec.EncodeBody(DeviceSettings.CreateDefaults("A0B1C2D3E4F5"));
            string missing = string.Empty;
            foreach (FieldInfo f in typeof(DeviceSettings).GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (Array.IndexOf(NotStored, f.Name) >= 0)
                {
                    continue;
                }

                DeviceSettings s = DeviceSettings.CreateDefaults("A0B1C2D3E4F5");
                object v = f.GetValue(s);
                if (v is int i)
                {
                    f.SetValue(s, i + 1);
                }
                else if (v is bool b)
                {
                    f.SetValue(s, !b);
                }
                else if (v is string t)
                {
                    f.SetValue(s, t + "x");
                }
                else if (v is int[] ints)
                {
                    for (int k = 0; k < ints.Length; k++)
                    {
                        ints[k]++;
                    }
                }
                else if (v is string[] none && none.Length == 0)
                {
                    f.SetValue(s, new[] { "x" });
                }
                else if (v is string[] texts)
                {
                    for (int k = 0; k < texts.Length; k++)
                    {
                        texts[k] += "x";
                    }
                }
                else
                {
                    missing += f.Name + " (type " + f.FieldType.Name + " not covered by this test) ";
                    continue;
                }

                if (SettingsCodec.EncodeBody(s) == defaults)
                {
                    missing += f.Name + " ";
                }
            }

            Assert.AreEqual(string.Empty, missing, "DeviceSettings fields without a line in SettingsSchema.Visit (or add them to NotStored): " + missing);
        }
    }
}
