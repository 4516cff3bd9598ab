using System.Reflection;
using SmartLamp.Core.App;
using SmartLamp.Core.Boards;

namespace SmartLamp.Bench;

/// <summary>
/// Where a booted device's retained heap goes, on the host: boots N connected devices (as the retained
/// row of the allocation table), then sets the reference fields of every <see cref="DeviceApp"/> to null
/// through reflection, two levels deep and deepest first, and reports what each clearing lets the collector
/// free, per device. A field frees only what nothing else holds: an object shared by several components
/// appears under the last holder cleared.
/// </summary>
public static class HolderBench
{
    /// <summary>Prints the largest holders (at least <paramref name="minBytes"/> per device).</summary>
    public static void Run(BoardProfile board, int devices, int minBytes)
    {
        var apps = new List<DeviceApp>(devices);
        for (int i = 0; i < devices; i++)
        {
            apps.Add(AllocationBench.ConnectedDevice(board, fake: false).App);
        }

        var rows = new List<(string Holder, double Bytes)>();
        long total = Total();
        foreach (FieldInfo top in Fields(typeof(DeviceApp)))
        {
            object first = top.GetValue(apps[0]);
            if (first != null && !(first is string) && !first.GetType().IsArray)
            {
                foreach (FieldInfo inner in Fields(first.GetType()))
                {
                    foreach (DeviceApp app in apps)
                    {
                        object owner = top.GetValue(app);
                        if (owner != null)
                        {
                            inner.SetValue(owner, null);
                        }
                    }

                    long now = Total();
                    rows.Add((first.GetType().Name + "." + inner.Name + " (" + Short(inner.FieldType) + ")", (total - now) / (double)devices));
                    total = now;
                }
            }

            foreach (DeviceApp app in apps)
            {
                top.SetValue(app, null);
            }

            long after = Total();
            rows.Add(("DeviceApp." + top.Name + " (" + Short(top.FieldType) + "), the rest of it", (total - after) / (double)devices));
            total = after;
        }

        GC.KeepAlive(apps);
        Console.WriteLine();
        Console.WriteLine("Retained heap by holder (host, 64-bit; " + devices + " devices booted and connected, 10 s of virtual time; bytes per device of at least " + minBytes + ")");
        Table.Print(
            new[] { "holder (type.field)", "bytes" },
            rows.Where(r => r.Bytes >= minBytes).OrderByDescending(r => r.Bytes).Select(r => new[] { r.Holder, r.Bytes.ToString("0") }).ToArray());
    }

    private static IEnumerable<FieldInfo> Fields(Type t)
    {
        for (Type x = t; x != null && x != typeof(object); x = x.BaseType)
        {
            foreach (FieldInfo f in x.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!f.FieldType.IsValueType && !f.FieldType.IsPointer)
                {
                    yield return f;
                }
            }
        }
    }

    private static string Short(Type t) => t.IsArray ? t.GetElementType().Name + "[]" : t.Name;

    private static long Total()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }
}
