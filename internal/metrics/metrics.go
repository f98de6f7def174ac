// Package metrics holds the server's Prometheus collectors. Each server has
// its own registry, so several servers (tests) can run in one process.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the server's collectors.
type Metrics struct {
	Registry *prometheus.Registry
	// Requests counts GraphQL operations by type and root field.
	Requests *prometheus.CounterVec
	// Errors counts GraphQL responses with errors, by root field and code.
	Errors *prometheus.CounterVec
	// Duration observes operation latency by type and root field.
	Duration *prometheus.HistogramVec
	// SQLStatements counts every statement sent to the database.
	SQLStatements prometheus.Counter
	// Throttled counts refusals by rate limits, by action.
	Throttled *prometheus.CounterVec
	// Refusals counts refused credentials by reason (credentials, captcha,
	// two_factor, code); throttling has its own counter.
	Refusals *prometheus.CounterVec
	// Notifications counts delivery attempts of customer messages by
	// channel, kind and outcome (sent, retry, failed, skipped).
	Notifications *prometheus.CounterVec
	// InFlight is the number of API requests being served.
	InFlight prometheus.Gauge
	// ReadPlan counts query operations by how the read plan took them
	// (plan, unsupported, fallback; mismatch when verifying).
	ReadPlan *prometheus.CounterVec
	// LimitShare observes, per accepted operation, the larger of its cost
	// and its answer size as a share of their limits: how close clients
	// come to QUERY_MAX_COST and QUERY_MAX_VALUES.
	LimitShare prometheus.Histogram
}

// New makes and registers the collectors.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "accountgraph_graphql_requests_total", Help: "GraphQL operations by type and root field.",
		}, []string{"type", "field"}),
		Errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "accountgraph_graphql_errors_total", Help: "GraphQL errors by root field and code.",
		}, []string{"field", "code"}),
		Duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "accountgraph_graphql_duration_seconds", Help: "GraphQL operation latency by type and root field.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"type", "field"}),
		SQLStatements: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "accountgraph_sql_statements_total", Help: "SQL statements sent to the database.",
		}),
		Throttled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "accountgraph_throttled_total", Help: "Requests refused by rate limits, by action.",
		}, []string{"action"}),
		Refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "accountgraph_auth_refusals_total", Help: "Refused credentials by reason.",
		}, []string{"reason"}),
		Notifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "accountgraph_notifications_total", Help: "Deliveries of customer messages by channel, kind and outcome.",
		}, []string{"channel", "kind", "outcome"}),
		InFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "accountgraph_graphql_http_in_flight", Help: "API requests being served.",
		}),
		ReadPlan: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "accountgraph_read_plan_total", Help: "Query operations by how the read plan took them: plan, unsupported (gqlgen ran it), fallback (an error: gqlgen ran it again), mismatch (READ_PLAN_VERIFY: gqlgen answered differently); narrowed counts the plan's answers that read only the columns their fields need.",
		}, []string{"outcome"}),
		LimitShare: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "accountgraph_query_limit_share", Help: "Accepted operations by the larger of cost / QUERY_MAX_COST and values / QUERY_MAX_VALUES.",
			Buckets: []float64{.01, .05, .1, .25, .5, .75, .9, 1},
		}),
	}
	m.Registry.MustRegister(m.Requests, m.Errors, m.Duration, m.SQLStatements, m.Throttled, m.Refusals, m.Notifications, m.InFlight, m.ReadPlan, m.LimitShare,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
