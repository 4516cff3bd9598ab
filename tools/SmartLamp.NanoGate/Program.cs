using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

// nanoFramework 1.x has no generics: the MetadataProcessor converts them silently, then the runtime
// crashes at load (generic classes) or computes garbage (generic methods). mscorlib 1.17.11 still
// declares Action<T>, Func<T,R> and EventHandler<T>, so the type check alone cannot catch their use.
// This scan reads the compiled assembly's metadata tables and reports every generic definition
// (GenericParam rows) and every generic instantiation (MethodSpec rows, GENERICINST type specs).
// Output uses MSBuild's canonical error format, so the build fails with a readable message.

if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: SmartLamp.NanoGate <assembly.dll>");
    return 2;
}

var errors = GenericScanner.Scan(args[0]);
foreach (var e in errors)
{
    Console.WriteLine($"{args[0]} : error NANO001: {e} (nanoFramework 1.x runs no generics; use arrays, ArrayList or a named delegate)");
}
if (errors.Count == 0)
{
    Console.WriteLine($"NanoGate: no generics in {Path.GetFileName(args[0])}");
}
return errors.Count == 0 ? 0 : 1;

static class GenericScanner
{
    public static List<string> Scan(string path)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var provider = new NameProvider(md);

        foreach (var h in md.TypeDefinitions)
        {
            var td = md.GetTypeDefinition(h);
            if (td.GetGenericParameters().Count > 0)
                found.Add($"generic type definition {FullName(md, td)}");
            foreach (var mh in td.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                if (m.GetGenericParameters().Count > 0)
                    found.Add($"generic method definition {FullName(md, td)}.{md.GetString(m.Name)}");
            }
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            found.Add($"generic method instantiation {MemberName(md, provider, spec.Method)}");
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var handle = MetadataTokens.TypeSpecificationHandle(row);
            var decoded = md.GetTypeSpecification(handle).DecodeSignature(provider, null);
            if (decoded.Contains('<'))
                found.Add($"generic type instantiation {decoded}");
        }
        return found.ToList();
    }

    static string FullName(MetadataReader md, TypeDefinition td)
    {
        var ns = md.GetString(td.Namespace);
        var name = md.GetString(td.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    static string MemberName(MetadataReader md, NameProvider provider, EntityHandle h)
    {
        switch (h.Kind)
        {
            case HandleKind.MethodDefinition:
                var def = md.GetMethodDefinition((MethodDefinitionHandle)h);
                return FullName(md, md.GetTypeDefinition(def.GetDeclaringType())) + "." + md.GetString(def.Name);
            case HandleKind.MemberReference:
                var mr = md.GetMemberReference((MemberReferenceHandle)h);
                string parent = mr.Parent.Kind switch
                {
                    HandleKind.TypeReference => provider.GetTypeFromReference(md, (TypeReferenceHandle)mr.Parent, 0),
                    HandleKind.TypeDefinition => provider.GetTypeFromDefinition(md, (TypeDefinitionHandle)mr.Parent, 0),
                    HandleKind.TypeSpecification => provider.GetTypeFromSpecification(md, null, (TypeSpecificationHandle)mr.Parent, 0),
                    _ => "?",
                };
                return parent + "." + md.GetString(mr.Name);
            default:
                return h.Kind.ToString();
        }
    }
}

sealed class NameProvider : ISignatureTypeProvider<string, object?>
{
    readonly MetadataReader _md;
    public NameProvider(MetadataReader md) => _md = md;
    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
    public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments)
        => genericType + "<" + string.Join(",", typeArguments) + ">";
    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetPinnedType(string elementType) => elementType;
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var td = reader.GetTypeDefinition(handle);
        return reader.GetString(td.Namespace) + "." + reader.GetString(td.Name);
    }
    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var tr = reader.GetTypeReference(handle);
        return reader.GetString(tr.Namespace) + "." + reader.GetString(tr.Name);
    }
    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
}
