package server

import (
	"errors"
	"io"
	"net/http"

	"accountgraph/internal/payment"
)

// paymentWebhook takes the payment provider's events: 400 for a signature
// that does not verify (the provider retries nothing it cannot sign), 200
// for a replay or an event we do not act on, 500 when storing failed (the
// provider retries).
func (s *Server) paymentWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 256<<10))
	if err != nil {
		writeError(w, http.StatusBadRequest, "BAD_REQUEST", "Unreadable body")
		return
	}
	err = s.PaymentMethods.Webhook(r.Context(), body, r.Header.Get("Stripe-Signature"))
	switch {
	case errors.Is(err, payment.ErrBadSignature):
		s.log.WarnContext(r.Context(), "payment webhook refused: bad signature")
		writeError(w, http.StatusBadRequest, "BAD_SIGNATURE", "Signature not valid")
	case err != nil:
		s.log.ErrorContext(r.Context(), "payment webhook failed", "err", err)
		writeError(w, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "Not stored; retry")
	default:
		w.WriteHeader(http.StatusOK)
	}
}
