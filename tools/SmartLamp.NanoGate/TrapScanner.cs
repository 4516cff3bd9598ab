using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

// The nanoCLR's runtime traps, found in the IL (each one crashed or misbehaved on the runtime):
//  NANO002  a reference-type array whose slots are not all assigned: on the nanoCLR a never-assigned
//           slot of `new string[n]` is not a real null (`slot == null` is false, comparing it crashes the
//           runtime). Allowed: length 0 (`new T[0]`), an array initialiser that stores EVERY slot (Roslyn
//           skips null elements, so `new string[] { "a", null }` is rejected), or the new array passed
//           straight to ArraySlots.Nulls (`(T[])ArraySlots.Nulls(new T[n])`, every slot set to null) -
//           ArraySlots.Strings(n) does that for string[].
//  NANO003  UTF-16 surrogates handled through the string indexer: on the nanoCLR `s[i]` returns the high
//           surrogate for both halves of a pair. A method that reads `string[int]` may not test for
//           surrogates (a constant in 0xD800..0xDFFF or char.Is*Surrogate*); work on s.ToCharArray().
//  NANO004  U+0000 inside a string literal: the nano PE string table is NUL-terminated, so the literal is
//           cut there. Build it from (char)0 at run time.
static class TrapScanner
{
    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields()
        .Where(f => f.FieldType == typeof(OpCode)).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public sealed record Instr(int Offset, OpCode Op, long Operand, int Size);

    public static List<Instr> Decode(byte[] il)
    {
        var list = new List<Instr>();
        int p = 0;
        while (p < il.Length)
        {
            int start = p;
            short v = il[p++];
            if (v == 0xFE)
            {
                v = (short)(0xFE00 | il[p++]);
            }

            var op = OpCodesByValue[v];
            long operand = 0;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    operand = op == OpCodes.Ldc_I4_S ? (sbyte)il[p] : il[p];
                    p += 1; break;
                case OperandType.InlineVar: operand = BitConverter.ToUInt16(il, p); p += 2; break;
                case OperandType.InlineI8:
                case OperandType.InlineR: operand = BitConverter.ToInt64(il, p); p += 8; break;
                case OperandType.InlineSwitch:
                    int n = BitConverter.ToInt32(il, p);
                    operand = n; p += 4 + 4 * n; break;
                default: operand = BitConverter.ToInt32(il, p); p += 4; break;
            }

            list.Add(new Instr(start, op, operand, p - start));
        }

        return list;
    }

    public static int? ConstInt(Instr i)
    {
        if (i.Op == OpCodes.Ldc_I4_M1) return -1;
        if (i.Op.Value >= OpCodes.Ldc_I4_0.Value && i.Op.Value <= OpCodes.Ldc_I4_8.Value) return i.Op.Value - OpCodes.Ldc_I4_0.Value;
        if (i.Op == OpCodes.Ldc_I4_S || i.Op == OpCodes.Ldc_I4) return (int)i.Operand;
        return null;
    }

    static int? LocalIndex(Instr i, bool store)
    {
        var first = store ? OpCodes.Stloc_0 : OpCodes.Ldloc_0;
        if (i.Op.Value >= first.Value && i.Op.Value <= first.Value + 3) return i.Op.Value - first.Value;
        if (store ? (i.Op == OpCodes.Stloc_S || i.Op == OpCodes.Stloc) : (i.Op == OpCodes.Ldloc_S || i.Op == OpCodes.Ldloc)) return (int)i.Operand;
        return null;
    }

    static bool IsStore(Instr i) =>
        i.Op == OpCodes.Stloc || i.Op == OpCodes.Stloc_S || (i.Op.Value >= OpCodes.Stloc_0.Value && i.Op.Value <= OpCodes.Stloc_3.Value)
        || i.Op == OpCodes.Stfld || i.Op == OpCodes.Stsfld || i.Op == OpCodes.Starg || i.Op == OpCodes.Starg_S || i.Op == OpCodes.Ret;

    public static List<string> Scan(MetadataReader md, PEReader pe, NameProvider names)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var th in md.TypeDefinitions)
        {
            var td = md.GetTypeDefinition(th);
            foreach (var mh in td.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                if (m.RelativeVirtualAddress == 0) continue;
                string where = GenericScanner.FullName(md, td) + "." + md.GetString(m.Name);
                var il = Decode(pe.GetMethodBody(m.RelativeVirtualAddress).GetILBytes()!);
                bool readsIndexer = false;
                string? surrogateTest = null;
                for (int k = 0; k < il.Count; k++)
                {
                    var ins = il[k];
                    if (ins.Op == OpCodes.Newarr)
                    {
                        string? why = CheckNewarr(md, names, il, k);
                        if (why != null) found.Add($"NANO002: {where}: {why}");
                    }
                    else if (ins.Op == OpCodes.Ldstr)
                    {
                        string s = md.GetUserString(MetadataTokens.UserStringHandle((int)(ins.Operand & 0xFFFFFF)));
                        int z = s.IndexOf('\0');
                        if (z >= 0)
                            found.Add($"NANO004: {where}: string literal \"{Printable(s)}\" holds U+0000 at index {z}; the nanoCLR cuts a literal there (build it from (char)0)");
                    }
                    else if (ins.Op == OpCodes.Call || ins.Op == OpCodes.Callvirt)
                    {
                        string callee = GenericScanner.MemberName(md, names, MetadataTokens.EntityHandle((int)ins.Operand));
                        if (callee == "System.String.get_Chars") readsIndexer = true;
                        if (callee.StartsWith("System.Char.Is", StringComparison.Ordinal) && callee.Contains("Surrogate", StringComparison.Ordinal)) surrogateTest ??= callee;
                        if (callee == "System.Char.ConvertToUtf32") surrogateTest ??= callee;
                    }
                    else if (ConstInt(ins) is int c && c >= 0xD800 && c <= 0xDFFF)
                    {
                        surrogateTest ??= "0x" + c.ToString("X4");
                    }
                }

                if (readsIndexer && surrogateTest != null)
                    found.Add($"NANO003: {where}: tests for UTF-16 surrogates ({surrogateTest}) in a method that reads the string indexer s[i], which returns the high surrogate for both halves on the nanoCLR; work on s.ToCharArray()");
            }
        }

        return found.ToList();
    }

    static string? CheckNewarr(MetadataReader md, NameProvider names, List<Instr> il, int k)
    {
        var handle = MetadataTokens.EntityHandle((int)il[k].Operand);
        string elem = ElementName(md, names, handle, out bool isReference);
        if (!isReference) return null;
        int? length = k > 0 ? ConstInt(il[k - 1]) : null;
        if (length == 0) return null;
        // Straight into ArraySlots.Nulls; a Debug build may spill it through a local first (stloc n; ldloc n).
        int next = k + 1;
        if (next + 1 < il.Count && LocalIndex(il[next], store: true) is int st && LocalIndex(il[next + 1], store: false) == st) next += 2;
        if (next < il.Count && il[next].Op == OpCodes.Call &&
            GenericScanner.MemberName(md, names, MetadataTokens.EntityHandle((int)il[next].Operand)) == "SmartLamp.Core.Text.ArraySlots.Nulls")
            return null;
        if (length is int n)
        {
            // Array initialiser: "dup; ldc.i4 i; <value>; stelem" for every slot i in order, while the new
            // array is the only thing on the stack above what was there before (depth 1).
            int expected = InitialisedSlots(md, names, il, k, n);
            if (expected == n) return null;
            if (expected > 0 || (k + 1 < il.Count && il[k + 1].Op == OpCodes.Dup))
                return $"array initialiser new {elem}[] {{ ... }} leaves slot {expected} of {n} unassigned (a null element is not stored; the nanoCLR has no real null there): use a non-null value or (({elem}[])ArraySlots.Nulls(new {elem}[{n}])) and set the others";
        }

        return $"new {elem}[{(length is int l ? l.ToString() : "n")}] leaves its slots unassigned (on the nanoCLR they are not real nulls and comparing one crashes the runtime): use ArraySlots.Strings(n) for string[], ({elem}[])ArraySlots.Nulls(new {elem}[n]) for other reference types, or an initialiser that sets every slot";
    }

    static int InitialisedSlots(MetadataReader md, NameProvider names, List<Instr> il, int k, int n)
    {
        int expected = 0, depth = 1;
        bool unreachable = false;
        var atTarget = new Dictionary<int, int>();
        for (int j = k + 1; j < il.Count && expected < n; j++)
        {
            var ins = il[j];
            if (atTarget.TryGetValue(ins.Offset, out int d)) { depth = d; unreachable = false; }
            else if (unreachable) return expected;
            if (depth == 1)
            {
                if (ins.Op == OpCodes.Dup && j + 1 < il.Count && ConstInt(il[j + 1]) == expected) expected++;
                else return expected;
            }

            depth += StackDelta(md, names, ins);
            if (depth < 1) return expected;
            if (ins.Op.FlowControl == FlowControl.Branch || ins.Op.FlowControl == FlowControl.Cond_Branch)
            {
                int target = ins.Offset + ins.Size + (int)(ins.Op.OperandType == OperandType.ShortInlineBrTarget ? (sbyte)ins.Operand : ins.Operand);
                atTarget[target] = depth;
                if (ins.Op.FlowControl == FlowControl.Branch) unreachable = true;
            }
            else if (ins.Op.FlowControl == FlowControl.Return || ins.Op.FlowControl == FlowControl.Throw || ins.Op.OperandType == OperandType.InlineSwitch)
            {
                return expected;
            }
        }

        return expected;
    }

    static int StackDelta(MetadataReader md, NameProvider names, Instr ins)
    {
        if (ins.Op == OpCodes.Call || ins.Op == OpCodes.Callvirt || ins.Op == OpCodes.Newobj)
        {
            var h = MetadataTokens.EntityHandle((int)ins.Operand);
            MethodSignature<string> sig;
            if (h.Kind == HandleKind.MethodDefinition) sig = md.GetMethodDefinition((MethodDefinitionHandle)h).DecodeSignature(names, null);
            else if (h.Kind == HandleKind.MemberReference) sig = md.GetMemberReference((MemberReferenceHandle)h).DecodeMethodSignature(names, null);
            else return 0;
            if (ins.Op == OpCodes.Newobj) return 1 - sig.ParameterTypes.Length;
            return (sig.ReturnType == "Void" ? 0 : 1) - sig.ParameterTypes.Length - (sig.Header.IsInstance ? 1 : 0);
        }

        return Push(ins.Op.StackBehaviourPush) - Pop(ins.Op.StackBehaviourPop);
    }

    static int Pop(StackBehaviour b) => b switch
    {
        StackBehaviour.Pop0 or StackBehaviour.Varpop => 0,
        StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
        StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8 or StackBehaviour.Popi_popr4
            or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi => 2,
        _ => 3,
    };

    static int Push(StackBehaviour b) => b switch
    {
        StackBehaviour.Push0 or StackBehaviour.Varpush => 0,
        StackBehaviour.Push1_push1 => 2,
        _ => 1,
    };

    static string ElementName(MetadataReader md, NameProvider names, EntityHandle h, out bool isReference)
    {
        string name;
        switch (h.Kind)
        {
            case HandleKind.TypeDefinition:
                var td = md.GetTypeDefinition((TypeDefinitionHandle)h);
                name = GenericScanner.FullName(md, td);
                isReference = !IsValueTypeBase(md, td.BaseType, name);
                return name;
            case HandleKind.TypeReference:
                name = names.GetTypeFromReference(md, (TypeReferenceHandle)h, 0);
                isReference = !ValueTypeRefs.Contains(name) && !IsEnumOrStructRef(md, (TypeReferenceHandle)h);
                return name;
            case HandleKind.TypeSpecification:
                name = md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(names, null);
                isReference = true; // arrays of arrays, generic instantiations (already rejected)
                return name;
        }

        isReference = false;
        return h.Kind.ToString();
    }

    // mscorlib value types a firmware array may hold (a TypeRef's kind is not in the metadata).
    static readonly HashSet<string> ValueTypeRefs = new(StringComparer.Ordinal)
    {
        "System.Boolean", "System.Char", "System.SByte", "System.Byte", "System.Int16", "System.UInt16", "System.Int32", "System.UInt32",
        "System.Int64", "System.UInt64", "System.Single", "System.Double", "System.IntPtr", "System.UIntPtr", "System.DateTime", "System.TimeSpan",
        "System.Decimal", "System.Guid",
    };

    static bool IsEnumOrStructRef(MetadataReader md, TypeReferenceHandle h) => false;

    static bool IsValueTypeBase(MetadataReader md, EntityHandle baseType, string self)
    {
        if (baseType.IsNil) return false;
        string b = baseType.Kind switch
        {
            HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)baseType).Namespace) + "." + md.GetString(md.GetTypeReference((TypeReferenceHandle)baseType).Name),
            HandleKind.TypeDefinition => GenericScanner.FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)baseType)),
            _ => "",
        };
        return b == "System.ValueType" || b == "System.Enum";
    }

    static string Printable(string s)
    {
        var chars = s.Length > 40 ? s.Substring(0, 40) + "..." : s;
        return string.Concat(chars.Select(c => c < ' ' ? "\\u" + ((int)c).ToString("X4") : c.ToString()));
    }
}
