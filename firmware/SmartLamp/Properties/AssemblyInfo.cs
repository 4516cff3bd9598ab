using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("SmartLamp")]
[assembly: AssemblyDescription("Tasmota-compatible relay firmware for ESP32 on .NET nanoFramework")]
[assembly: AssemblyProduct("SmartLamp")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
