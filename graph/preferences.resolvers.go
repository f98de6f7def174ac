package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/notify"
	"accountgraph/internal/preferences"
	"context"
)

// Preferences is the resolver for the preferences field.
func (r *customerResolver) Preferences(ctx context.Context, obj *ent.Customer) (*model.CustomerPreferences, error) {
	return customerPreferences(obj), nil
}

// Privacy is the resolver for the privacy field.
func (r *customerResolver) Privacy(ctx context.Context, obj *ent.Customer) (*model.CustomerPrivacy, error) {
	return &model.CustomerPrivacy{Personalization: obj.Personalization, DataSharing: obj.DataSharing}, nil
}

// Communication is the resolver for the communication field.
func (r *customerPreferencesResolver) Communication(ctx context.Context, obj *model.CustomerPreferences) ([]*notify.Preference, error) {
	rows, err := r.loaders(ctx).Communication.Load(ctx, obj.Customer.ID)
	return ptrs(notify.Matrix(obj.Customer, rows)), err
}

// CustomerPreferencesUpdate is the resolver for the customerPreferencesUpdate field.
func (r *mutationResolver) CustomerPreferencesUpdate(ctx context.Context, customerAccessToken string, preferences model.CustomerPreferencesInput) (*model.CustomerPreferencesUpdatePayload, error) {
	return preferencesPayload(r.Preferences.Update(ctx, customerAccessToken, preferencesInput(preferences)))
}

// CustomerPrivacyUpdate is the resolver for the customerPrivacyUpdate field.
func (r *mutationResolver) CustomerPrivacyUpdate(ctx context.Context, customerAccessToken string, privacy model.CustomerPrivacyInput) (*model.CustomerPreferencesUpdatePayload, error) {
	return preferencesPayload(r.Preferences.UpdatePrivacy(ctx, customerAccessToken, privacy.Personalization, privacy.DataSharing))
}

// CustomerCommunicationPreferencesUpdate is the resolver for the customerCommunicationPreferencesUpdate field.
func (r *mutationResolver) CustomerCommunicationPreferencesUpdate(ctx context.Context, customerAccessToken string, preferences []*model.CommunicationPreferenceInput) (*model.CustomerPreferencesUpdatePayload, error) {
	return preferencesPayload(r.Preferences.UpdateCommunication(ctx, customerAccessToken, communicationChanges(preferences)))
}

// AdminPreferenceVocabularyUpdate is the resolver for the adminPreferenceVocabularyUpdate field.
func (r *mutationResolver) AdminPreferenceVocabularyUpdate(ctx context.Context, input model.PreferenceVocabularyInput) (*model.PreferenceVocabularyPayload, error) {
	v, err := r.Preferences.UpdateVocabulary(ctx, preferences.Lists{Sizes: input.Sizes, Colors: input.Colors, Interests: input.Interests, Occasions: input.Occasions})
	ue, err := adminErrors(err)
	return &model.PreferenceVocabularyPayload{PreferenceVocabulary: v, UserErrors: ue}, err
}

// PreferenceVocabulary is the resolver for the preferenceVocabulary field.
func (r *queryResolver) PreferenceVocabulary(ctx context.Context) (*ent.PreferenceVocabulary, error) {
	return r.Preferences.Vocabulary(ctx)
}

// AdminCustomerConsentLog is the resolver for the adminCustomerConsentLog field.
func (r *queryResolver) AdminCustomerConsentLog(ctx context.Context, customerID string, first *int, after *string, last *int, before *string, reverse *bool) (*model.ConsentEventConnection, error) {
	id, err := db.CustomerID(ctx, r.DB, customerID, apperr.Path("customerId"))
	if err != nil {
		return nil, queryError(err)
	}
	p, err := r.Preferences.ConsentLog(ctx, id, pageArgs(first, after, last, before, reverse))
	if err != nil {
		return nil, err
	}
	edges, info := connection(ctx, p, func(c string, e *ent.ConsentEvent) *model.ConsentEventEdge {
		return &model.ConsentEventEdge{Cursor: c, Node: e}
	})
	return &model.ConsentEventConnection{Edges: edges, Nodes: p.Items, PageInfo: info}, nil
}

// CustomerPreferences returns CustomerPreferencesResolver implementation.
func (r *Resolver) CustomerPreferences() CustomerPreferencesResolver {
	return &customerPreferencesResolver{r}
}

type customerPreferencesResolver struct{ *Resolver }
