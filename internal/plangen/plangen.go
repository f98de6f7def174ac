// Package plangen is a gqlgen plugin that writes the field code of the
// read plan (graph/plan.go): for every object type, how to call each field's
// resolver or method, how to reach the objects a field returns, and how to
// write a leaf value as JSON. It reads the same bindings gqlgen's executor is
// generated from, so a field added to the schema exists in both paths, or is
// left out of the plan's tables and its operations run on gqlgen.
package plangen

import (
	"fmt"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/codegen/templates"
	"github.com/vektah/gqlparser/v2/ast"
)

// Plugin generates graph/plan_gen.go beside gqlgen's executor.
type Plugin struct{}

// New returns the plugin.
func New() *Plugin { return &Plugin{} }

// Name is the plugin's name in gqlgen's logs.
func (*Plugin) Name() string { return "plangen" }

// GenerateCode writes plan_gen.go in the executor's package.
func (*Plugin) GenerateCode(data *codegen.Data) error {
	g := &gen{data: data}
	return templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        filepath.Join(filepath.Dir(data.Config.Exec.Filename), "plan_gen.go"),
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		Template: `{{ reserveImport "context" }}
{{ reserveImport "github.com/99designs/gqlgen/graphql" }}
{{ code }}`,
		Funcs: template.FuncMap{"code": g.code},
	})
}

type gen struct {
	data *codegen.Data
	b    strings.Builder
	fn   int
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(&g.b, format+"\n", args...) }

// planned is one field the plan supports, with its number in the switches.
type planned struct {
	fn      int
	obj     *codegen.Object
	f       *codegen.Field
	resolve bool // called in the resolve phase (resolver, context, error or arguments)
	object  bool // returns objects (an object, interface or union, or a list of them)
}

// code renders the whole file; it runs inside templates.Render so that
// type references pick up their imports.
func (g *gen) code() (string, error) {
	var fields []*planned
	byObject := map[string][]*planned{}
	objects := g.objects()
	for _, o := range objects {
		for _, f := range o.Fields {
			p, ok := g.plan(o, f)
			if !ok {
				continue
			}
			g.fn++
			p.fn = g.fn
			fields = append(fields, p)
			byObject[o.Name] = append(byObject[o.Name], p)
		}
	}
	g.tables(objects, byObject)
	g.resolveFunc(fields)
	g.argsFunc(fields)
	g.expandFunc(fields)
	g.writeFunc(fields)
	g.concreteFuncs()
	return g.b.String(), nil
}

// objects are the object types a query can reach: every object but the
// mutation and subscription roots.
func (g *gen) objects() []*codegen.Object {
	var out []*codegen.Object
	for _, o := range g.data.Objects {
		if o == g.data.MutationRoot || o == g.data.SubscriptionRoot || o.Stream {
			continue
		}
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// plan decides whether the plan can run f, and how.
func (g *gen) plan(o *codegen.Object, f *codegen.Field) (*planned, bool) {
	ref := f.TypeReference
	if ref == nil || ref.Definition == nil || strings.HasPrefix(f.Name, "__") || f.HasDirectives() || f.IsBatch() ||
		f.IsMap() || f.Stream || f.HasHaser || f.VOkFunc || len(o.Directives) > 0 {
		return nil, false
	}
	if !f.IsResolver && !f.IsMethod() && !f.IsVariable() {
		return nil, false
	}
	p := &planned{obj: o, f: f}
	p.resolve = f.IsResolver || len(f.Args) > 0 || (f.IsMethod() && (f.MethodHasContext || !f.NoErr))
	switch ref.Definition.Kind {
	case ast.Object, ast.Interface, ast.Union:
		p.object = true
		// A list of lists of objects is rare enough to leave to gqlgen.
		if ref.IsSlice() && ref.Elem().IsSlice() {
			return nil, false
		}
		if ref.IsPtrToSlice() || ref.IsPtrToPtr() {
			return nil, false
		}
	case ast.Scalar, ast.Enum:
	default:
		return nil, false
	}
	if o.Root && !f.IsResolver {
		return nil, false
	}
	return p, true
}

// tables writes the schema the planner reads: each object's fields with
// their switch numbers, and what each abstract type can be.
func (g *gen) tables(objects []*codegen.Object, byObject map[string][]*planned) {
	g.p("// planTypes are the object types the read plan can execute, with the")
	g.p("// fields it supports (a field missing here sends its operation to gqlgen).")
	g.p("var planTypes = map[string]*planType{")
	for _, o := range objects {
		var implements []string
		for _, i := range o.Implements {
			implements = append(implements, strconv.Quote(i.Name))
		}
		entity, st := entityOf(o.Type)
		g.p("%q: {name: %q, entity: %q, satisfies: []string{%q%s}, fields: map[string]planFieldDef{", o.Name, o.Name, entity, o.Name, prefixComma(implements))
		for _, p := range byObject[o.Name] {
			column := ""
			if st != nil && p.f.IsVariable() && !p.f.IsResolver {
				column = columnOf(st, p.f.GoFieldName)
			}
			g.p("%q: {fn: %d, resolve: %t, object: %t, resolver: %t, named: %q, column: %q},", p.f.Name, p.fn, p.resolve, p.object, p.f.IsResolver, p.f.TypeReference.Definition.Name, column)
		}
		g.p("}},")
	}
	g.p("}")
	g.p("")
	g.p("// planPossible lists the object types of each interface and union.")
	g.p("var planPossible = map[string][]string{")
	for _, name := range g.abstractNames() {
		var names []string
		for _, d := range g.data.Schema.GetPossibleTypes(g.data.Schema.Types[name]) {
			names = append(names, strconv.Quote(d.Name))
		}
		sort.Strings(names)
		g.p("%q: {%s},", name, strings.Join(names, ", "))
	}
	g.p("}")
	g.p("")
}

// entPackage is where ent's entities are generated.
const entPackage = "accountgraph/ent"

// entityOf names the ent entity a type is bound to, with its struct ("" and
// nil for a type that is not an entity).
func entityOf(t types.Type) (string, *types.Struct) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != entPackage {
		return "", nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return "", nil
	}
	return n.Obj().Name(), st
}

// columnOf is the column behind an entity's struct field: ent names each
// field's JSON key after its column. The read plan checks it against the
// entity's columns before it narrows a read to it (see plan_columns.go).
func columnOf(st *types.Struct, goField string) string {
	for i := range st.NumFields() {
		if f := st.Field(i); f.Name() == goField {
			name, _, _ := strings.Cut(reflect.StructTag(st.Tag(i)).Get("json"), ",")
			if name == "-" {
				return ""
			}
			return name
		}
	}
	return ""
}

func prefixComma(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return ", " + strings.Join(s, ", ")
}

func (g *gen) abstractNames() []string {
	var names []string
	for name := range g.data.Interfaces {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// resolversType: the resolvers of the types whose resolvers the plan
// calls, asked of the root once (gqlgen's executor asks at every call,
// which allocates a resolver value each time).
func (g *gen) resolversType(fields []*planned) {
	var types []string
	for _, p := range fields {
		if !p.resolve || !p.f.IsResolver {
			continue
		}
		name, _, _ := strings.Cut(p.f.ShortInvocation(), "().")
		if !slices.Contains(types, name) {
			types = append(types, name)
		}
	}
	perType := func(format string) {
		for _, t := range types {
			g.p(format, t)
		}
	}
	g.p("")
	g.p("// planResolvers are the resolvers the plan calls, by type.")
	g.p("type planResolvers struct {")
	perType("%[1]s %[1]sResolver")
	g.p("}")
	g.p("")
	g.p("func newPlanResolvers(r ResolverRoot) *planResolvers {")
	g.p("return &planResolvers{")
	perType("%[1]s: r.%[1]s(),")
	g.p("}")
	g.p("}")
}

// resolveFunc: the resolve phase's calls, each exactly as gqlgen's executor
// makes it (the field's arguments are in the call's context, as they are in
// gqlgen's field context).
func (g *gen) resolveFunc(fields []*planned) {
	g.p("// planResolve calls the resolver or method behind field fn on o.")
	g.p("func (x *planExec) planResolve(ctx context.Context, fn int, o any) (any, error) {")
	g.p("switch fn {")
	for _, p := range fields {
		if !p.resolve {
			continue
		}
		f := p.f
		g.p("case %d: // %s.%s", p.fn, p.obj.Name, f.Name)
		if !p.obj.Root {
			g.p("obj := o.(%s)", templates.CurrentImports.LookupType(p.obj.Reference()))
		}
		// The arguments are read from the call's context (planFieldCtx.Args,
		// as gqlgen reads them from its field context) by calls that take
		// them; a plain struct field has none to pass.
		if len(f.Args) > 0 && (f.IsResolver || f.IsMethod()) {
			g.p("fc := ctx.(*planFieldCtx)")
		}
		switch {
		case f.IsResolver:
			g.p("return x.res.%s", strings.Replace(f.ShortInvocation(), "().", ".", 1))
		case f.IsMethod() && f.NoErr:
			g.p("return obj.%s(%s), nil", f.GoFieldName, f.CallArgs())
		case f.IsMethod():
			g.p("return obj.%s(%s)", f.GoFieldName, f.CallArgs())
		default:
			g.p("return obj.%s, nil", f.GoFieldName)
		}
	}
	g.p("}")
	g.p("return nil, errPlanUnsupported")
	g.p("}")
	g.resolversType(fields)
	g.p("")
}

// argsFunc coerces a field's arguments with gqlgen's own functions.
func (g *gen) argsFunc(fields []*planned) {
	g.p("// planArgs coerces the arguments of field fn.")
	g.p("func (x *planExec) planArgs(ctx context.Context, fn int, raw map[string]any) (map[string]any, error) {")
	g.p("switch fn {")
	for _, p := range fields {
		if len(p.f.Args) == 0 {
			continue
		}
		g.p("case %d: // %s.%s", p.fn, p.obj.Name, p.f.Name)
		g.p("return x.ec.%s(ctx, raw)", p.f.ArgsFunc())
	}
	g.p("}")
	g.p("return nil, nil")
	g.p("}")
	g.p("")
}

// value is the Go expression of field p's value in the expand and write
// phases: the resolve phase's result, or the field or method of obj.
func (g *gen) value(p *planned) string {
	if p.resolve {
		return fmt.Sprintf("planValue[%s](n.val(i))", templates.CurrentImports.LookupType(p.f.TypeReference.GO))
	}
	if p.f.IsMethod() {
		return fmt.Sprintf("obj.%s()", p.f.GoFieldName)
	}
	return "obj." + p.f.GoFieldName
}

func (g *gen) objVar(p *planned) {
	if !p.resolve {
		g.p("obj := n.obj.(%s)", templates.CurrentImports.LookupType(p.obj.Reference()))
	}
}

// expandFunc: for fields that return objects, hand each object to the
// runtime with its type name (abstract types are resolved here).
func (g *gen) expandFunc(fields []*planned) {
	g.p("// planExpand reaches the objects field i of n returns.")
	g.p("func (x *planExec) planExpand(n *planNode, i int) bool {")
	g.p("switch n.sel.fields[i].def.fn {")
	for _, p := range fields {
		if !p.object {
			continue
		}
		ref := p.f.TypeReference
		g.p("case %d: // %s.%s", p.fn, p.obj.Name, p.f.Name)
		g.objVar(p)
		g.p("v := %s", g.value(p))
		if ref.IsSlice() {
			elem := ref.Elem()
			if !ref.GQL.NonNull {
				g.p("if v == nil { return x.null(n, i, false) }")
			}
			g.p("x.list(n, i, len(v))")
			g.p("for j := range v {")
			g.p("name, ptr := %s", g.concrete(elem, "v[j]", "&v[j]"))
			g.p("if !x.element(n, i, j, name, ptr, %t) { return false }", elem.GQL.NonNull)
			g.p("}")
			g.p("return true")
		} else {
			g.p("name, ptr := %s", g.concrete(ref, "v", "&v"))
			g.p("return x.one(n, i, name, ptr, %t)", ref.GQL.NonNull)
		}
	}
	g.p("}")
	g.p("return false")
	g.p("}")
	g.p("")
}

// concrete is the expression giving (type name, object pointer or nil) for
// a single value expr of ref's type; addr is its address, for values.
func (g *gen) concrete(ref *config.TypeReference, expr, addr string) string {
	def := ref.Definition
	if def.Kind == ast.Interface || def.Kind == ast.Union {
		return fmt.Sprintf("planConcrete%s(%s)", def.Name, expr)
	}
	if _, ok := ref.GO.(*types.Pointer); ok {
		return fmt.Sprintf("planPointer(%q, %s)", def.Name, expr)
	}
	if config.IsNilable(ref.GO) {
		return fmt.Sprintf("%q, any(%s)", def.Name, expr)
	}
	return fmt.Sprintf("%q, any(%s)", def.Name, addr)
}

// concreteFuncs: one type switch per interface and union, as gqlgen's own.
func (g *gen) concreteFuncs() {
	for _, name := range g.abstractNames() {
		it := g.data.Interfaces[name]
		g.p("func planConcrete%s(v %s) (string, any) {", name, templates.CurrentImports.LookupType(it.Type))
		g.p("switch obj := v.(type) {")
		g.p("case nil: return \"\", nil")
		for _, impl := range it.Implementors {
			g.p("case %s:", templates.CurrentImports.LookupType(impl.Type))
			if impl.CanBeNil() {
				g.p("if obj == nil { return \"\", nil }")
			}
			if impl.TakeRef {
				g.p("return %q, &obj", impl.Name)
			} else {
				g.p("return %q, obj", impl.Name)
			}
		}
		g.p("}")
		g.p("return \"?\", v")
		g.p("}")
		g.p("")
	}
}

// writeFunc: leaf fields written as JSON straight into the buffer.
func (g *gen) writeFunc(fields []*planned) {
	g.p("// planWrite writes leaf field i of n.")
	g.p("func (x *planExec) planWrite(ctx context.Context, b *planBuffer, n *planNode, i int) bool {")
	g.p("switch n.sel.fields[i].def.fn {")
	for _, p := range fields {
		if p.object {
			continue
		}
		g.p("case %d: // %s.%s", p.fn, p.obj.Name, p.f.Name)
		g.objVar(p)
		g.p("v := %s", g.value(p))
		g.leaf(p.f.TypeReference, "v")
		g.p("return true")
	}
	g.p("}")
	g.p("return false")
	g.p("}")
	g.p("")
}

// leaf writes the code that writes v, of leaf type ref.
func (g *gen) leaf(ref *config.TypeReference, v string) {
	nilable := config.IsNilable(ref.GO)
	if ref.IsSlice() {
		// Lists of leaves: gqlgen's marshaller, exactly (nil is [] when
		// the list is non-null).
		g.p("x.ec.%s(ctx, n.sel.fields[i].field.Selections, %s).MarshalGQL(b)", ref.MarshalFunc(), v)
		return
	}
	if nilable {
		if ref.GQL.NonNull {
			g.p("if %s == nil { return false }", v)
		} else {
			g.p("if %s == nil { b.null(); return true }", v)
		}
	}
	deref := v
	if ref.IsPtr() {
		deref = "(*" + v + ")"
	}
	if w := direct(ref); w != "" {
		g.p("b.%s(%s)", w, castBasic(ref, deref))
		return
	}
	if ref.IsMarshaler && !ref.IsContext && !ref.HasEnumValues() {
		g.p("%s.MarshalGQL(b)", deref)
		return
	}
	if f := appender(ref); f != nil {
		g.p("b.Write(%s.%s(b.AvailableBuffer(), %s))", templates.CurrentImports.Lookup(f.Pkg().Path()), f.Name(), deref)
		return
	}
	g.p("x.ec.%s(ctx, n.sel.fields[i].field.Selections, %s).MarshalGQL(b)", ref.MarshalFunc(), v)
}

// appender is the AppendX function beside a scalar's MarshalX function
// (func(b []byte, v T) []byte, appending what MarshalX writes), which writes
// the value without the Marshaler and buffer MarshalX makes for each; nil
// when the scalar has none.
func appender(ref *config.TypeReference) *types.Func {
	m := ref.Marshaler
	if m == nil || m.Pkg() == nil || ref.HasEnumValues() || ref.CastType != nil || !strings.HasPrefix(m.Name(), "Marshal") {
		return nil
	}
	f, ok := m.Pkg().Scope().Lookup("Append" + strings.TrimPrefix(m.Name(), "Marshal")).(*types.Func)
	if !ok {
		return nil
	}
	sig, msig := f.Type().(*types.Signature), m.Type().(*types.Signature)
	bytes := types.NewSlice(types.Typ[types.Byte])
	if sig.Params().Len() != 2 || sig.Results().Len() != 1 || msig.Params().Len() != 1 ||
		!types.Identical(sig.Params().At(0).Type(), bytes) || !types.Identical(sig.Results().At(0).Type(), bytes) ||
		!types.Identical(sig.Params().At(1).Type(), msig.Params().At(0).Type()) {
		return nil
	}
	return f
}

// direct names the buffer method that writes what gqlgen's built-in
// marshaller would, for the built-in scalars bound to Go basic types.
func direct(ref *config.TypeReference) string {
	if ref.Marshaler == nil || ref.HasEnumValues() || ref.CastType != nil {
		return ""
	}
	if ref.Marshaler.Pkg() == nil || ref.Marshaler.Pkg().Path() != "github.com/99designs/gqlgen/graphql" {
		return ""
	}
	t := ref.GO
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	basic, ok := t.Underlying().(*types.Basic)
	if !ok {
		return ""
	}
	switch ref.Marshaler.Name() {
	case "MarshalString", "MarshalID":
		if basic.Kind() == types.String {
			return "str"
		}
	case "MarshalBoolean":
		if basic.Kind() == types.Bool {
			return "boolean"
		}
	case "MarshalInt", "MarshalInt64", "MarshalInt32":
		switch basic.Kind() {
		case types.Int, types.Int64, types.Int32:
			return "int"
		}
	case "MarshalFloat":
		if basic.Kind() == types.Float64 {
			return "float"
		}
	}
	return ""
}

// castBasic converts a named basic value to the buffer method's argument.
func castBasic(ref *config.TypeReference, v string) string {
	t := ref.GO
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	basic := t.Underlying().(*types.Basic)
	switch basic.Kind() {
	case types.String:
		return "string(" + v + ")"
	case types.Bool:
		return "bool(" + v + ")"
	case types.Float64:
		return "float64(" + v + ")"
	default:
		return "int64(" + v + ")"
	}
}
