package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"accountgraph/internal/loaders"
	"accountgraph/internal/slab"
)

// The read plan runs query operations without gqlgen's per-field machinery.
//
// gqlgen's executor pays, for every field of every object, a field context,
// a context value, a closure and a boxed result, and for every object a field
// set and a deferred group; on the order history page (~500 objects, ~1,200
// fields) that is most of the request's time and memory. The plan runs the
// same operation in three steps:
//
//  1. plan: the operation's selections (fragments, @skip/@include, aliases
//     merged by gqlgen's own CollectFields) become a tree of planSel per
//     concrete type, with each field's arguments coerced once;
//  2. resolve, one level of the response at a time: every resolver (or method
//     taking a context or returning an error) of the level is called, all at
//     once, so the request's dataloaders batch a level's keys into one
//     statement as they do under gqlgen; then the objects each field returns
//     become the next level's nodes;
//  3. write: the tree is written as JSON straight into one buffer, leaves
//     read from the bound Go values with no boxing.
//
// The per-type code (which resolver a field calls, how a leaf is written) is
// generated from the schema and gqlgen.yml by internal/plangen into
// plan_gen.go. A field the generator does not support is missing from its
// tables, and an operation that selects it runs on gqlgen.
//
// Errors are gqlgen's: the plan never writes an error. When a resolver
// returns one, panics, or a non-null field is null (which is an error with
// null propagation), the plan's work is dropped and the operation runs again
// on gqlgen, which then reports exactly what it reports today. What a query
// writes is idempotent (a session's last use, at most every five minutes; a
// loyalty account made on first read), so running one twice changes nothing
// but its cost, which only requests with errors pay, and at most twice.

// errPlanUnsupported is returned by generated code for a field it does not know.
var errPlanUnsupported = errors.New("read plan: unsupported field")

// planType is an object type the plan can execute (generated in plan_gen.go).
type planType struct {
	name      string
	entity    string   // the ent entity it is bound to, if any (see plan_columns.go)
	satisfies []string // the type and the interfaces it implements, for fragments
	fields    map[string]planFieldDef
}

// planFieldDef is one supported field of a planType.
type planFieldDef struct {
	fn       int    // the field's case in the generated switches
	resolve  bool   // called in the resolve phase
	object   bool   // returns objects (or a list of them)
	resolver bool   // a resolver, for FieldContext.IsResolver
	named    string // the named type it returns
	column   string // the entity's column it reads, for a field bound to a struct field of an entity
}

// planSel is the plan of one selection set on one concrete type.
type planSel struct {
	typ      *planType
	fields   []planField
	resolves []int // fields called in the resolve phase
	objects  []int // fields that return objects
}

// planField is one field of a planSel.
type planField struct {
	def      planFieldDef
	val, kid int // the field's places in its node's vals (resolve phase) and kids (objects)
	field    graphql.CollectedField
	key      string // `"alias":`
	typename bool
	args     map[string]any      // coerced arguments, when they name no variable
	argSlot  int                 // else their place in planExec.args (-1: none)
	child    map[string]*planSel // the plan of the returned objects, by concrete type
	abstract bool                // returns an interface or union: child is planned per type met
}

// planNode is one object of the response.
type planNode struct {
	sel  *planSel
	obj  any
	ctx  context.Context // holds the field context of the resolver above, which resolvers read
	vals []any           // resolve-phase results, by planField.val
	kids []planKids      // returned objects, by planField.kid
}

// planKids are the objects one field of a node returned.
type planKids struct {
	nodes []*planNode     // nil entries are null elements
	one   [1]*planNode    // nodes of a single object
	ctx   context.Context // the field's context, when it was resolved
	null  bool
	list  bool
}

// planExec runs one operation.
type planExec struct {
	ec       *executionContext
	res      *planResolvers
	ctx      context.Context // the operation's (with the plan's own response context), for planning
	next     []*planNode     // the next level's nodes, while expanding
	mu       sync.Mutex
	why      string // why gqlgen answers instead
	cols     planColumns
	narrowed *loaders.Columns // what the plan narrowed its reads to (nil: whole rows)
	keep     bool             // while planning: the plan can be kept for the document's next requests
	running  bool             // planned: selections planned now (of abstract fields) are this request's alone
	varArgs  []*planField     // while planning: fields whose arguments name variables
	args     []map[string]any // their arguments in this request, by planField.argSlot

	arena *planArena // the memory its nodes and their slots are in
}

// val is the resolve-phase result of field i.
func (n *planNode) val(i int) any { return n.vals[n.sel.fields[i].val] }

// kid is what object field i returned.
func (n *planNode) kid(i int) *planKids { return &n.kids[n.sel.fields[i].kid] }

// planValue is the value a resolve-phase call returned (zero for nil).
func planValue[T any](v any) T {
	t, _ := v.(T)
	return t
}

// planPointer is an object field's (type name, object), nil for a nil pointer.
func planPointer[T any](typ string, p *T) (string, any) {
	if p == nil {
		return "", nil
	}
	return typ, p
}

// PlanOutcome is how the read plan took one query operation.
type PlanOutcome string

const (
	PlanRan         PlanOutcome = "plan"        // the plan answered
	PlanUnsupported PlanOutcome = "unsupported" // the operation selects what the plan does not run: gqlgen answered
	PlanFallback    PlanOutcome = "fallback"    // an error or a null in a non-null field: gqlgen answered again
	PlanMismatch    PlanOutcome = "mismatch"    // verifying: gqlgen's answer differs from the plan's (the plan's was served)
	PlanNarrowed    PlanOutcome = "narrowed"    // besides PlanRan: the plan read only the columns its fields need (plan_columns.go)
)

// PlanObserver is told the outcome of each query operation, with the reason
// when gqlgen answered (the unsupported field, or what failed).
type PlanObserver func(ctx context.Context, outcome PlanOutcome, reason string)

// PlanOptions say how the read plan runs.
type PlanOptions struct {
	// Enabled runs queries on the plan; without it every operation runs on gqlgen.
	Enabled bool
	// Verify also runs each query the plan answered on gqlgen and reports
	// any difference as PlanMismatch: a canary for a new release, and how
	// the black-box tests check every document their clients send. It
	// doubles the cost of queries (the second run's statements are not
	// counted: see Uncounted).
	Verify bool
	// Observe is told each query's outcome.
	Observe PlanObserver
	// Uncounted marks the context of the verifying run, whose statements
	// the statement counter leaves out.
	Uncounted func(context.Context) context.Context
}

// PlannedSchema is gqlgen's executable schema with the read plan in front of
// it: query operations the plan supports run on the plan, everything else
// (and every operation unless the plan is enabled) on gqlgen.
func PlannedSchema(cfg Config, opts PlanOptions) graphql.ExecutableSchema {
	inner := NewExecutableSchema(cfg)
	if !opts.Enabled {
		return inner
	}
	if opts.Observe == nil {
		opts.Observe = func(context.Context, PlanOutcome, string) {}
	}
	if opts.Uncounted == nil {
		opts.Uncounted = func(ctx context.Context) context.Context { return ctx }
	}
	es := inner.(*executableSchema)
	return &plannedSchema{ExecutableSchema: inner, es: es, res: newPlanResolvers(es.Resolvers), opts: opts, plans: lru.New[*planDoc](1000)}
}

type plannedSchema struct {
	graphql.ExecutableSchema
	es    *executableSchema
	res   *planResolvers
	opts  PlanOptions
	plans *lru.LRU[*planDoc] // by document and operation name (see planDoc)
}

// Exec runs a query on the plan when it can, else on gqlgen.
func (s *plannedSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	opCtx := graphql.GetOperationContext(ctx)
	if opCtx.Operation == nil || opCtx.Operation.Operation != ast.Query {
		return s.ExecutableSchema.Exec(ctx)
	}
	var fallback graphql.ResponseHandler
	done := false
	return func(ctx context.Context) *graphql.Response {
		if fallback != nil {
			return fallback(ctx)
		}
		if done {
			return nil
		}
		done = true
		x := &planExec{ec: newExecutionContext(opCtx, s.es, nil), res: s.res}
		data, outcome := x.run(ctx, s.plans)
		s.opts.Observe(ctx, outcome, x.why)
		if outcome == PlanRan && x.narrowed != nil {
			s.opts.Observe(ctx, PlanNarrowed, "")
		}
		if outcome == PlanRan {
			if s.opts.Verify {
				if diff := s.verify(ctx, data); diff != "" {
					s.opts.Observe(ctx, PlanMismatch, diff)
				}
			}
			return &graphql.Response{Data: data}
		}
		if x.narrowed != nil {
			// gqlgen runs again with loaders of its own: the plan's hold
			// rows narrowed to its fields.
			ctx = loaders.Fresh(ctx)
		}
		fallback = s.ExecutableSchema.Exec(ctx)
		return fallback(ctx)
	}
}

// verify runs the operation on gqlgen too and describes how its answer
// differs from data ("" when it is the same bytes, without errors).
func (s *plannedSchema) verify(ctx context.Context, data []byte) string {
	// Loaders of its own, so gqlgen reads whole rows: narrowed columns
	// that miss what a field reads show as a difference.
	ctx = graphql.WithFreshResponseContext(s.opts.Uncounted(loaders.Fresh(ctx)))
	resp := s.ExecutableSchema.Exec(ctx)(ctx)
	if resp == nil {
		return "gqlgen gave no response"
	}
	errs := append(resp.Errors, graphql.GetErrors(ctx)...)
	if len(errs) == 0 && bytes.Equal(resp.Data, data) {
		return ""
	}
	// The first line says where, without any of the data (it may be a
	// customer's); the rest shows the bytes around it, for debug logs.
	at := 0
	for at < len(data) && at < len(resp.Data) && data[at] == resp.Data[at] {
		at++
	}
	around := func(b []byte) []byte { return b[max(0, at-60):min(len(b), at+60)] }
	return fmt.Sprintf("%d gqlgen errors; answers of %d and %d bytes differ from byte %d\nplan: …%s…\ngqlgen: …%s…\nerrors: %v",
		len(errs), len(data), len(resp.Data), at, around(data), around(resp.Data), errs)
}

// fail records why the plan gave the operation back to gqlgen.
func (x *planExec) fail(why string) {
	x.mu.Lock()
	if x.why == "" {
		x.why = why
	}
	x.mu.Unlock()
}

// run executes the operation on the plan.
func (x *planExec) run(ctx context.Context, plans *lru.LRU[*planDoc]) (data []byte, outcome PlanOutcome) {
	defer func() {
		if r := recover(); r != nil {
			x.why = fmt.Sprintf("panic: %v", r)
			data, outcome = nil, PlanFallback
		}
	}()
	// Errors raised in the plan's run (by a marshaller, say) land in a
	// response context of their own, and send the operation to gqlgen.
	ctx = graphql.WithFreshResponseContext(ctx)
	x.ctx = ctx
	defer loaders.Inline(ctx, false) // whatever happened in a level
	doc := x.plan(plans)
	if doc.root == nil || !x.coerce(doc) {
		return nil, PlanUnsupported
	}
	x.narrowed, x.running = doc.narrowed, true
	loaders.Narrow(ctx, x.narrowed)
	// Every call of the run has returned when run does (a level waits for
	// its calls), panics included, and nothing else refers to its nodes.
	x.arena = planArenas.Get().(*planArena)
	defer x.arena.release()
	top := x.newNode(doc.root, nil, ctx)
	level := []*planNode{top}
	for alt := 0; len(level) > 0; alt ^= 1 {
		if !x.resolveLevel(ctx, level) {
			return nil, PlanFallback
		}
		// The next level's list takes the place of the level before this one.
		x.next = x.arena.levels[alt][:0]
		for _, n := range level {
			for _, i := range n.sel.objects {
				if !x.planExpand(n, i) {
					x.fail("a null in non-null " + n.sel.typ.name + "." + n.sel.fields[i].field.Name)
					return nil, PlanFallback
				}
			}
		}
		x.arena.levels[alt] = x.next
		level = x.next
	}
	b := planBuffers.Get().(*planBuffer)
	if !x.writeNode(ctx, b, top) || len(graphql.GetErrors(ctx)) > 0 {
		releaseBuffer(b)
		x.fail("an error or a null in a non-null field while writing")
		return nil, PlanFallback
	}
	if lent, ok := ctx.Value(responseBuffersKey{}).(*ResponseBuffers); ok {
		lent.held = append(lent.held, b)
		return b.Bytes(), PlanRan
	}
	defer releaseBuffer(b)
	return bytes.Clone(b.Bytes()), PlanRan
}

// planBuffers keep the buffers responses are written in, grown to the size
// of a page, so that a response costs no allocation of its size when its
// transport gives the buffer back after writing it (WithResponseBuffers),
// and one otherwise (a copy).
var planBuffers = sync.Pool{New: func() any { return new(planBuffer) }}

func releaseBuffer(b *planBuffer) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		planBuffers.Put(b)
	}
}

// ResponseBuffers hold the buffers a request's answers were written in, for
// a transport that has written them and calls Release: the answer's data
// is the buffer itself, not a copy, and must not be read after Release.
type ResponseBuffers struct{ held []*planBuffer }

type responseBuffersKey struct{}

// WithResponseBuffers lends the plan's buffers to the requests of ctx.
func WithResponseBuffers(ctx context.Context) (context.Context, *ResponseBuffers) {
	r := &ResponseBuffers{}
	return context.WithValue(ctx, responseBuffersKey{}, r), r
}

// Release returns the buffers for other requests to write in.
func (r *ResponseBuffers) Release() {
	for _, b := range r.held {
		releaseBuffer(b)
	}
	r.held = nil
}

// planDoc is the plan of one operation of one document, made once and kept
// (like gqlgen's parsed documents) by document and operation name: what a
// request adds is its variables' values, the arguments of the fields that
// name them (coerced per request, into planExec.args).
type planDoc struct {
	root     *planSel // nil: the plan does not run the operation (why)
	why      string
	narrowed *loaders.Columns
	varArgs  []*planField // fields whose arguments name variables, by planField.argSlot
}

// plan returns the operation's plan, from plans when it is there. An
// operation whose selections depend on its variables (@skip or @include
// with a variable) or on the data (fields of an interface or union, planned
// per concrete type met) is planned anew for each request.
func (x *planExec) plan(plans *lru.LRU[*planDoc]) *planDoc {
	op := x.ec.OperationContext
	key := op.OperationName + "\x00" + op.RawQuery
	if doc, ok := plans.Get(x.ctx, key); ok {
		if doc.root == nil {
			x.why = doc.why
		}
		return doc
	}
	x.keep = !planVariesWith(op.Doc, op.Operation.SelectionSet, map[string]bool{})
	doc := &planDoc{}
	root, ok := x.selection(planTypes["Query"], op.Operation.SelectionSet)
	if ok {
		doc.root, doc.narrowed, doc.varArgs = root, x.cols.columns(), x.varArgs
	} else {
		doc.why = x.why
	}
	if x.keep {
		plans.Add(x.ctx, key, doc)
	}
	return doc
}

// coerce coerces the arguments that name variables, with this request's.
func (x *planExec) coerce(doc *planDoc) bool {
	if len(doc.varArgs) == 0 {
		return true
	}
	x.args = make([]map[string]any, len(doc.varArgs))
	for i, f := range doc.varArgs {
		args, err := x.planArgs(x.ctx, f.def.fn, f.field.ArgumentMap(x.ec.Variables))
		if err != nil {
			x.fail("arguments of " + f.field.ObjectDefinition.Name + "." + f.field.Name)
			return false
		}
		x.args[i] = args
	}
	return true
}

// planVariesWith tells whether the fields set selects depend on variables:
// an @skip or @include (or @defer) whose condition is a variable.
func planVariesWith(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		var dirs ast.DirectiveList
		var sub ast.SelectionSet
		switch s := sel.(type) {
		case *ast.Field:
			dirs, sub = s.Directives, s.SelectionSet
		case *ast.InlineFragment:
			dirs, sub = s.Directives, s.SelectionSet
		case *ast.FragmentSpread:
			dirs = s.Directives
			if !seen[s.Name] {
				seen[s.Name] = true
				if f := doc.Fragments.ForName(s.Name); f != nil {
					sub = f.SelectionSet
				}
			}
		}
		for _, d := range dirs {
			for _, a := range d.Arguments {
				if planNamesVariable(a.Value) {
					return true
				}
			}
		}
		if planVariesWith(doc, sub, seen) {
			return true
		}
	}
	return false
}

// planNamesVariable tells whether v is or holds a variable.
func planNamesVariable(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return true
	}
	for _, c := range v.Children {
		if planNamesVariable(c.Value) {
			return true
		}
	}
	return false
}

// selection plans set on type t.
func (x *planExec) selection(t *planType, set ast.SelectionSet) (*planSel, bool) {
	if t == nil {
		return nil, false
	}
	fields := graphql.CollectFields(x.ec.OperationContext, set, t.satisfies)
	s := &planSel{typ: t, fields: make([]planField, len(fields))}
	for i, cf := range fields {
		if cf.IsDeferred() {
			x.fail("@defer")
			return nil, false
		}
		pf := &s.fields[i]
		pf.field = cf
		pf.key = jsonKey(cf.Alias)
		if cf.Name == "__typename" {
			pf.typename = true
			continue
		}
		def, ok := t.fields[cf.Name]
		if !ok {
			x.fail(t.name + "." + cf.Name)
			return nil, false
		}
		x.cols.field(t, cf.Name, def)
		pf.def = def
		pf.argSlot = -1
		if cf.Definition != nil && len(cf.Definition.Arguments) > 0 {
			if !x.running && slices.ContainsFunc(cf.Arguments, func(a *ast.Argument) bool { return planNamesVariable(a.Value) }) {
				// Coerced per request (coerce), with its variables.
				pf.argSlot = len(x.varArgs)
				x.varArgs = append(x.varArgs, pf)
			} else {
				args, err := x.planArgs(x.ctx, def.fn, cf.ArgumentMap(x.ec.Variables))
				if err != nil {
					x.fail("arguments of " + t.name + "." + cf.Name)
					return nil, false
				}
				pf.args = args
			}
		}
		if def.resolve {
			pf.val = len(s.resolves)
			s.resolves = append(s.resolves, i)
		}
		if !def.object {
			continue
		}
		pf.kid = len(s.objects)
		s.objects = append(s.objects, i)
		if _, abstract := planPossible[def.named]; abstract {
			// Planned for each type the data holds, when met: planning every
			// possible type (Node has dozens) at every level would multiply.
			pf.abstract = true
			x.cols.off = true // its types' fields are known only when met
			x.keep = false    // and its plan grows as they are
			continue
		}
		c, ok := x.selection(planTypes[def.named], cf.Selections)
		if !ok {
			return nil, false
		}
		pf.child = map[string]*planSel{def.named: c}
	}
	return s, true
}

func (x *planExec) newNode(sel *planSel, obj any, ctx context.Context) *planNode {
	n := &x.arena.nodes.Take(1)[0]
	*n = planNode{sel: sel, obj: obj, ctx: ctx}
	if len(sel.resolves) > 0 {
		n.vals = x.arena.vals.Take(len(sel.resolves))
	}
	if len(sel.objects) > 0 {
		n.kids = x.arena.kids.Take(len(sel.objects))
	}
	return n
}

// planArena is the memory a run's response tree is made in: its nodes,
// their slots, lists of nodes. Allocated per request, they were a third of
// the history page's bytes and so of its garbage collection; an arena is
// cleared after its run and kept for the next one (planArenas).
type planArena struct {
	nodes  slab.Slabs[planNode]
	vals   slab.Slabs[any]
	kids   slab.Slabs[planKids]
	lists  slab.Slabs[*planNode]
	levels [2][]*planNode // the lists of the nodes of two levels
}

// planArenas keep arenas between runs. An arena larger than
// planArenaKept (a run of a huge answer) is left to the collector.
var planArenas = sync.Pool{New: func() any { return new(planArena) }}

const planArenaKept = 512 << 10

// release clears a and keeps it for another run.
func (a *planArena) release() {
	size := a.nodes.Reset() + a.vals.Reset() + a.kids.Reset() + a.lists.Reset()
	for i, l := range a.levels {
		clear(l)
		a.levels[i] = l[:0]
		size += cap(l) * int(unsafe.Sizeof(l[0]))
	}
	if size <= planArenaKept {
		planArenas.Put(a)
	}
}

// resolveLevel makes every resolve-phase call of a level, concurrently, so
// that sibling loads share their loaders' statements.
func (x *planExec) resolveLevel(ctx context.Context, level []*planNode) bool {
	calls := 0
	for _, n := range level {
		calls += len(n.sel.resolves)
	}
	if calls == 0 {
		return true
	}
	// The level's field contexts in one allocation.
	// Not in the arena: database/sql keeps a statement's context beyond
	// the call (Rows.awaitDone).
	fcs := make([]planFieldCtx, calls)
	if calls == 1 {
		for _, n := range level {
			for _, i := range n.sel.resolves {
				return x.call(n, i, &fcs[0])
			}
		}
	}
	// The level's calls run one after another on this goroutine, with the
	// loaders refusing to wait for siblings (loaders.Inline): those that
	// would wait, and their field's later calls, run concurrently after.
	var later []planTask
	var waited []*planField
	loaders.Inline(ctx, true)
	k := 0
	for _, n := range level {
		for _, i := range n.sel.resolves {
			f := &n.sel.fields[i]
			t := planTask{x: x, n: n, i: i, fc: &fcs[k]}
			k++
			if slices.Contains(waited, f) {
				later = append(later, t)
				continue
			}
			switch x.try(n, i, t.fc) {
			case planFailed:
				return false // run turns Inline off
			case planWaits:
				waited = append(waited, f)
				// A field context of its own for the second call: a
				// statement of the first may still read this one
				// (database/sql watches a query's context until it ends).
				t.fc = new(planFieldCtx)
				later = append(later, t)
			}
		}
	}
	loaders.Inline(ctx, false)
	if len(later) == 0 {
		return true
	}
	l := &planLevel{}
	l.wg.Add(len(later))
	for _, t := range later {
		t.level = l
		planGo(t)
	}
	l.wg.Wait()
	return !l.failed.Load()
}

// planLevel is one level's calls in flight.
type planLevel struct {
	wg     sync.WaitGroup
	failed atomic.Bool
}

// planTask is one resolve-phase call.
type planTask struct {
	x     *planExec
	n     *planNode
	i     int
	fc    *planFieldCtx
	level *planLevel
}

func (t planTask) run() {
	if !t.x.call(t.n, t.i, t.fc) {
		t.level.failed.Store(true)
	}
	t.level.wg.Done()
}

// planWork hands resolve-phase calls to idle workers: goroutines that keep
// the stacks they grew in earlier calls (into ent and the driver), where a
// new goroutine per call spent a tenth of the request growing its stack.
// No call waits for a worker: with none idle, a new one starts, so a level's
// calls all run at once and its loads are batched as before.
var planWork = make(chan planTask)

// planWorkerIdle is how long a worker waits for work before it ends.
const planWorkerIdle = 30 * time.Second

func planGo(t planTask) {
	select {
	case planWork <- t:
	default:
		go planWorker(t)
	}
}

func planWorker(t planTask) {
	idle := time.NewTimer(planWorkerIdle)
	defer idle.Stop()
	for {
		t.run()
		idle.Reset(planWorkerIdle)
		select {
		case t = <-planWork:
		case <-idle.C:
			return
		}
	}
}

// call runs field i of n with a field context like gqlgen's (resolvers read
// their arguments, the enclosing token and their selections from it) in fc.
func (x *planExec) call(n *planNode, i int, fc *planFieldCtx) bool {
	return x.try(n, i, fc) == planCalled
}

// planFieldCtx is a resolver's context: what graphql.WithFieldContext
// makes (the field context under gqlgen's key), made a level at a time in
// one allocation rather than one context value per call. The
// graphql.FieldContext itself is made when something asks for it (a
// connection reading its selection, a field below reading the token
// argument): most calls never do (a line's variant by its ID), and the
// generated calls take their arguments from Args.
type planFieldCtx struct {
	context.Context                // the parent object's
	Args            map[string]any // the field's arguments, as graphql.FieldContext.Args
	n               *planNode
	i               int
	fc              atomic.Pointer[graphql.FieldContext]
}

func (c *planFieldCtx) Value(key any) any {
	if key == planFieldKey {
		return c.fieldContext()
	}
	return c.Context.Value(key)
}

// fieldContext is the field's graphql.FieldContext, made on first use
// (sibling calls below it may ask at once, from their goroutines).
func (c *planFieldCtx) fieldContext() *graphql.FieldContext {
	if fc := c.fc.Load(); fc != nil {
		return fc
	}
	f := &c.n.sel.fields[c.i]
	fc := &graphql.FieldContext{Parent: graphql.GetFieldContext(c.Context), Object: c.n.sel.typ.name,
		Field: f.field, Args: c.Args, IsMethod: true, IsResolver: f.def.resolver}
	if c.fc.CompareAndSwap(nil, fc) {
		return fc
	}
	return c.fc.Load()
}

// planFieldKey is gqlgen's (unexported) key of the field context, as
// graphql.GetFieldContext asks a context for it.
var planFieldKey = func() any {
	var probe planKeyProbe
	graphql.GetFieldContext(&probe)
	return probe.key
}()

type planKeyProbe struct {
	context.Context
	key any
}

func (p *planKeyProbe) Value(key any) any {
	p.key = key
	return nil
}

// planCall is how a call went.
type planCall int

const (
	planCalled planCall = iota
	planFailed          // an error or a panic: gqlgen answers
	planWaits           // a load would wait for siblings (loaders.Inline): call it again, concurrently
)

// try is call, telling a load that would wait from a failure.
func (x *planExec) try(n *planNode, i int, fc *planFieldCtx) (how planCall) {
	defer func() {
		if r := recover(); r != nil {
			how = planFailed
			if r == loaders.ErrWouldWait {
				how = planWaits
			}
		}
	}()
	f := &n.sel.fields[i]
	args := f.args
	if f.argSlot >= 0 {
		args = x.args[f.argSlot]
	}
	*fc = planFieldCtx{Context: n.ctx, Args: args, n: n, i: i}
	ctx := context.Context(fc)
	v, err := x.planResolve(ctx, f.def.fn, n.obj)
	if err != nil {
		x.fail(n.sel.typ.name + "." + f.field.Name + " returned an error")
		return planFailed
	}
	n.vals[f.val] = v
	if f.def.object {
		n.kid(i).ctx = ctx
	}
	return planCalled
}

// one records the single object field i of n returned (ptr nil: null).
func (x *planExec) one(n *planNode, i int, typ string, ptr any, nonNull bool) bool {
	if ptr == nil {
		return x.null(n, i, nonNull)
	}
	c := x.child(n, i, typ, ptr)
	if c == nil {
		return false
	}
	k := n.kid(i)
	k.one[0] = c
	k.nodes = k.one[:]
	return true
}

// null records a null; a non-null field that is null is an error: gqlgen's.
func (x *planExec) null(n *planNode, i int, nonNull bool) bool {
	n.kid(i).null = true
	return !nonNull
}

// list makes room for the size objects of list field i of n.
func (x *planExec) list(n *planNode, i int, size int) {
	k := n.kid(i)
	k.list = true
	k.nodes = x.arena.lists.Take(size)
}

// element records element j of list field i of n (ptr nil: null).
func (x *planExec) element(n *planNode, i, j int, typ string, ptr any, nonNull bool) bool {
	if ptr == nil {
		return !nonNull
	}
	c := x.child(n, i, typ, ptr)
	if c == nil {
		return false
	}
	n.kid(i).nodes[j] = c
	return true
}

// child makes the node of an object field i of n returned; nil when its
// type is not one the plan knows.
func (x *planExec) child(n *planNode, i int, typ string, ptr any) *planNode {
	f := &n.sel.fields[i]
	sel := f.child[typ]
	if sel == nil && f.abstract {
		var ok bool
		if sel, ok = x.selection(planTypes[typ], f.field.Selections); !ok {
			x.fail("type " + typ)
			return nil
		}
		if f.child == nil {
			f.child = map[string]*planSel{}
		}
		f.child[typ] = sel
	}
	if sel == nil {
		return nil
	}
	ctx := n.kid(i).ctx
	if ctx == nil {
		ctx = n.ctx
	}
	c := x.newNode(sel, ptr, ctx)
	x.next = append(x.next, c)
	return c
}

// writeNode writes n as a JSON object, fields in the order gqlgen writes them.
func (x *planExec) writeNode(ctx context.Context, b *planBuffer, n *planNode) bool {
	b.WriteByte('{')
	for i := range n.sel.fields {
		f := &n.sel.fields[i]
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f.key)
		switch {
		case f.typename:
			b.str(n.sel.typ.name)
		case f.def.object:
			if !x.writeKids(ctx, b, n.kid(i)) {
				return false
			}
		default:
			if !x.planWrite(ctx, b, n, i) {
				return false
			}
		}
	}
	b.WriteByte('}')
	return true
}

func (x *planExec) writeKids(ctx context.Context, b *planBuffer, k *planKids) bool {
	if k.null {
		b.null()
		return true
	}
	if !k.list {
		return x.writeNode(ctx, b, k.nodes[0])
	}
	b.WriteByte('[')
	for j, c := range k.nodes {
		if j > 0 {
			b.WriteByte(',')
		}
		if c == nil {
			b.null()
		} else if !x.writeNode(ctx, b, c) {
			return false
		}
	}
	b.WriteByte(']')
	return true
}

// jsonKey is `"name":` as gqlgen writes an object key.
func jsonKey(name string) string {
	var b planBuffer
	b.str(name)
	b.WriteByte(':')
	return b.String()
}

// planBuffer writes JSON values exactly as gqlgen's marshallers do.
type planBuffer struct{ bytes.Buffer }

func (b *planBuffer) null() { b.WriteString("null") }

func (b *planBuffer) boolean(v bool) {
	if v {
		b.WriteString("true")
	} else {
		b.WriteString("false")
	}
}

func (b *planBuffer) int(v int64) { b.Write(strconv.AppendInt(b.AvailableBuffer(), v, 10)) }

// float writes v as gqlgen's MarshalFloat does (fmt's %g).
func (b *planBuffer) float(v float64) {
	b.Write(strconv.AppendFloat(b.AvailableBuffer(), v, 'g', -1, 64))
}

const hexDigits = "0123456789ABCDEF"

// str writes s quoted as gqlgen's MarshalString does: control characters,
// quote and backslash escaped, everything else (invalid UTF-8 included) as is.
func (b *planBuffer) str(s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			// gqlgen ranges over runes; an invalid byte is written as is,
			// and multi-byte runes never need escaping.
			i++
			continue
		}
		if c >= 0x20 && c != '\\' && c != '"' {
			i++
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
		i++
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
