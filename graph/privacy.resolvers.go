package graph

import (
	"accountgraph/graph/model"
	"accountgraph/internal/gid"
	"accountgraph/internal/privacy"
	"accountgraph/internal/ptr"
	"context"
)

// CustomerDataExport is the resolver for the customerDataExport field.
func (r *mutationResolver) CustomerDataExport(ctx context.Context, customerAccessToken string) (*model.CustomerDataExportPayload, error) {
	e, err := r.Privacy.ExportFor(ctx, customerAccessToken)
	cue, _, err := userErrors(err)
	return &model.CustomerDataExportPayload{Export: dataExport(e), CustomerUserErrors: cue}, err
}

// CustomerDelete is the resolver for the customerDelete field.
func (r *mutationResolver) CustomerDelete(ctx context.Context, customerAccessToken string, confirmation *model.CustomerDeleteConfirmationInput) (*model.CustomerDeletePayload, error) {
	var confirm *privacy.Confirmation
	if confirmation != nil {
		confirm = &privacy.Confirmation{Code: confirmation.Code, Password: confirmation.Password}
	}
	d, err := r.Privacy.Delete(ctx, customerAccessToken, confirm)
	cue, ue, err := userErrors(err)
	out := &model.CustomerDeletePayload{CustomerUserErrors: cue, UserErrors: ue}
	if d != nil {
		out.ConfirmationSent = d.ConfirmationSent
		if d.DeletedID != 0 {
			out.DeletedCustomerID = ptr.To(gid.Encode("Customer", d.DeletedID))
		}
	}
	return out, err
}

// AdminCustomerDataExport is the resolver for the adminCustomerDataExport field.
func (r *mutationResolver) AdminCustomerDataExport(ctx context.Context, customerID string) (*model.AdminCustomerDataExportPayload, error) {
	e, err := r.Privacy.ExportByID(ctx, customerID)
	ue, err := adminErrors(err)
	return &model.AdminCustomerDataExportPayload{Export: dataExport(e), UserErrors: ue}, err
}

// AdminCustomerDelete is the resolver for the adminCustomerDelete field.
func (r *mutationResolver) AdminCustomerDelete(ctx context.Context, customerID string) (*model.AdminCustomerDeletePayload, error) {
	id, err := r.Privacy.DeleteByID(ctx, customerID)
	ue, err := adminErrors(err)
	out := &model.AdminCustomerDeletePayload{UserErrors: ue}
	if err == nil && len(ue) == 0 {
		out.DeletedCustomerID = ptr.To(gid.Encode("Customer", id))
	}
	return out, err
}
