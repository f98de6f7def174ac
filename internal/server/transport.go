package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"accountgraph/graph"
)

// postTransport is gqlgen's POST transport (transport.POST) with two
// differences:
//
//   - a body that is not a GraphQL request is refused with a message that
//     says what is wrong and never echoes the body (gqlgen's quotes the
//     whole body back, 139 KB for a large batch);
//   - a response that is only data is written as `{"data":…}` around the
//     bytes the executor or the read plan produced. encoding/json re-reads
//     and compacts every json.RawMessage it marshals, which was 3.5 % of
//     the history page's CPU. Responses with errors or extensions are still
//     marshalled by encoding/json.
type postTransport struct {
	maxResponse int // RESPONSE_MAX_BYTES
}

var _ graphql.Transport = postTransport{}

func (postTransport) Supports(r *http.Request) bool {
	if r.Header.Get("Upgrade") != "" || r.Method != http.MethodPost {
		return false
	}
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mediaType == "application/json"
}

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

func (t postTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	// The read plan writes the answer's data into a pooled buffer that is
	// the response's Data; it goes back to the pool once written.
	ctx, buffers := graph.WithResponseBuffers(r.Context())
	defer buffers.Release()
	contentType := responseContentType(r)
	w.Header().Set("Content-Type", contentType)
	start := graphql.Now()

	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeTooLarge(w)
			return
		}
		writeProtocolError(w, http.StatusBadRequest, "The request body could not be read")
		return
	}
	params := &graphql.RawParams{}
	if msg := decodeParams(body, params); msg != "" {
		writeProtocolError(w, http.StatusBadRequest, msg)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		opErr = firstErrors(opErr)
		w.WriteHeader(statusFor(opErr, contentType))
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	resp := responses(ctx)
	if t.maxResponse > 0 && len(resp.Data) > t.maxResponse {
		// The cost limits keep answers far below this; it is the last
		// bound, for data larger than its schema promises.
		resp = &graphql.Response{Errors: gqlerror.List{{
			Message:    fmt.Sprintf("The answer is larger than the limit of %d bytes (RESPONSE_MAX_BYTES). Ask for smaller pages (first/last) or fewer fields.", t.maxResponse),
			Extensions: map[string]any{"code": "RESPONSE_TOO_LARGE", "limit": "RESPONSE_MAX_BYTES", "maxBytes": t.maxResponse},
		}}}
	}
	writeResponse(w, resp)
}

// maxErrors is how many errors a refused request is told about: a
// document with a thousand mistakes gets the first ones and a count, not a
// response many times its own size.
const maxErrors = 20

func firstErrors(errs gqlerror.List) gqlerror.List {
	if len(errs) <= maxErrors {
		return errs
	}
	out := append(gqlerror.List{}, errs[:maxErrors]...)
	code := errs[0].Extensions["code"]
	return append(out, &gqlerror.Error{
		Message:    fmt.Sprintf("… and %d more errors", len(errs)-maxErrors),
		Extensions: map[string]any{"code": code},
	})
}

// decodeParams reads a GraphQL request body, or says in one line what is
// wrong with it.
func decodeParams(body []byte, params *graphql.RawParams) string {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return "Batched requests are not supported: send one operation per request"
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(params); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return "The request body is not valid JSON: " + syntax.Error()
		case errors.As(err, &typ) && typ.Field != "":
			return "The request body's " + typ.Field + " must be a JSON " + jsonKind(typ.Type.Kind().String())
		case errors.As(err, &typ):
			return "The request body must be a JSON object with query, variables and operationName"
		case errors.Is(err, io.EOF):
			return "The request body is empty: send a JSON object with a query"
		default:
			return "The request body is not valid JSON"
		}
	}
	if dec.More() {
		return "The request body holds more than one JSON value"
	}
	return ""
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "map", "struct":
		return "object"
	default:
		return "value of the right type"
	}
}

// writeProtocolError answers a request that never became an operation.
func writeProtocolError(w http.ResponseWriter, status int, msg string) {
	err := &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": "BAD_REQUEST"}}
	w.WriteHeader(status)
	writeResponse(w, &graphql.Response{Errors: gqlerror.List{err}})
}

// responseContentType picks the response's media type from Accept, as
// gqlgen's POST does with its defaults.
func responseContentType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return mediaGraphQLResponse
}

// statusFor is the HTTP status of a request refused before it ran: 422 for
// application/json (gqlgen's choice, which clients already see), 400 for
// application/graphql-response+json as GraphQL over HTTP requires.
func statusFor(errs gqlerror.List, contentType string) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if contentType == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

var (
	dataPrefix = []byte(`{"data":`)
	dataSuffix = []byte("}")
)

// writeResponse writes a response; one that is only data is written as
// it is, since the executors produce compact, valid JSON.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if resp == nil {
		resp = &graphql.Response{}
	}
	if len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.Label == "" && resp.Path == nil && resp.HasNext == nil && len(resp.Data) > 0 {
		_, _ = w.Write(dataPrefix)
		_, _ = w.Write(resp.Data)
		_, _ = w.Write(dataSuffix)
		return
	}
	b, err := json.Marshal(resp)
	if err != nil {
		// Only a resolver's broken marshaller gets here; say so without
		// its output.
		b = []byte(`{"errors":[{"message":"Internal error: the response could not be encoded","extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}`)
	}
	_, _ = w.Write(b)
}
