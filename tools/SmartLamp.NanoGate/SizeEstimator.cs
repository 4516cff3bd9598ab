using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

// NANO005: an estimate, from the compiled IL, of the three nano PE tables the MetadataProcessor limits to
// 64 KiB (ByteCode, Strings, Signatures), so `dotnet build` fails on a machine without the nanoFramework
// tools long before the MetadataProcessor's "Byte code table overflow" / "String table overflow".
// How it estimates (what the MetadataProcessor writes, see docs/nanoframework.md for the calibration):
//  ByteCode   per method: the IL with every metadata token and long branch operand shrunk from 4 to 2
//             bytes, a switch's table to 1 + 2n bytes, plus 1 + 8 bytes per exception clause.
//  Strings    every distinct name (types, namespaces, fields, methods, member references) and string
//             literal, as UTF-8 plus a NUL (the runtime's built-in strings are not subtracted: an
//             over-estimate).
//  Signatures the #Blob heap (field, method, local and member-reference signatures).
// Each figure is multiplied by its calibration factor (the largest measured ratio pe-size / estimate)
// and fails the build above LimitPercent of 65,535.
static class SizeEstimator
{
    public const int Limit = 65535;

    // pe-size / estimate, worst case over the core assemblies in Debug and Release (docs/nanoframework.md).
    public const double ByteCodeFactor = 1.02; // measured 1.003-1.013 (the MetadataProcessor pads some methods)
    public const double StringsFactor = 1.00; // measured 0.82-0.88: an over-estimate (built-in strings not subtracted)
    public const double SignaturesFactor = 1.00; // measured 0.55-0.62: an over-estimate

    public sealed record Sizes(int ByteCode, int Strings, int Signatures);

    public static Sizes Estimate(MetadataReader md, PEReader pe)
    {
        long byteCode = 0;
        foreach (var th in md.TypeDefinitions)
        {
            foreach (var mh in md.GetTypeDefinition(th).GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                if (m.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(m.RelativeVirtualAddress);
                foreach (var i in TrapScanner.Decode(body.GetILBytes()!))
                {
                    byteCode += i.Op.OperandType switch
                    {
                        OperandType.InlineBrTarget or OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineSig
                            or OperandType.InlineString or OperandType.InlineTok or OperandType.InlineType => i.Size - 2,
                        OperandType.InlineSwitch => i.Op.Size + 1 + 2 * i.Operand,
                        _ => i.Size,
                    };
                }

                if (body.ExceptionRegions.Length > 0) byteCode += 1 + 8 * body.ExceptionRegions.Length;
            }
        }

        var strings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in md.TypeDefinitions) { var t = md.GetTypeDefinition(h); strings.Add(md.GetString(t.Name)); strings.Add(md.GetString(t.Namespace)); }
        foreach (var h in md.TypeReferences) { var t = md.GetTypeReference(h); strings.Add(md.GetString(t.Name)); strings.Add(md.GetString(t.Namespace)); }
        foreach (var h in md.FieldDefinitions) strings.Add(md.GetString(md.GetFieldDefinition(h).Name));
        foreach (var h in md.MethodDefinitions) strings.Add(md.GetString(md.GetMethodDefinition(h).Name));
        foreach (var h in md.MemberReferences) strings.Add(md.GetString(md.GetMemberReference(h).Name));
        foreach (var h in md.AssemblyReferences) strings.Add(md.GetString(md.GetAssemblyReference(h).Name));
        var us = MetadataTokens.UserStringHandle(1);
        while (!us.IsNil)
        {
            strings.Add(md.GetUserString(us));
            us = md.GetNextHandle(us);
        }

        strings.Remove("");
        long stringBytes = strings.Sum(s => (long)System.Text.Encoding.UTF8.GetByteCount(s) + 1);
        int blob = md.GetHeapSize(HeapIndex.Blob);
        return new Sizes(
            (int)Math.Ceiling(byteCode * ByteCodeFactor),
            (int)Math.Ceiling(stringBytes * StringsFactor),
            (int)Math.Ceiling(blob * SignaturesFactor));
    }
}
