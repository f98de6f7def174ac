package graph

import (
	"accountgraph/ent"
	"accountgraph/graph/model"
	"accountgraph/internal/money"
	"accountgraph/internal/preferences"
	"accountgraph/internal/privacy"
	"accountgraph/internal/ptr"
)

func customerPreferences(c *ent.Customer) *model.CustomerPreferences {
	p := &model.CustomerPreferences{Sizes: c.Sizes, Colors: c.Colors, Interests: c.Interests, Occasions: c.Occasions,
		Birthday: c.Birthday, Personalization: c.Personalization, Customer: c}
	if c.Language != nil {
		p.Language = ptr.To(model.LanguageCode(*c.Language))
	}
	if c.CurrencyCode != nil {
		p.CurrencyCode = ptr.To(money.Currency(*c.CurrencyCode))
	}
	return p
}

func preferencesInput(in model.CustomerPreferencesInput) preferences.Input {
	out := preferences.Input{
		Lists:       preferences.Lists{Sizes: in.Sizes, Colors: in.Colors, Interests: in.Interests, Occasions: in.Occasions},
		SetLanguage: in.Language.IsSet(), SetCurrencyCode: in.CurrencyCode.IsSet(),
		Birthday: in.Birthday.Value(), SetBirthday: in.Birthday.IsSet(), Personalization: in.Personalization,
	}
	if v := in.Language.Value(); v != nil {
		out.Language = ptr.To(string(*v))
	}
	if v := in.CurrencyCode.Value(); v != nil {
		out.CurrencyCode = ptr.To(string(*v))
	}
	return out
}

func preferencesPayload(c *ent.Customer, err error) (*model.CustomerPreferencesUpdatePayload, error) {
	cue, ue, err := userErrors(err)
	if len(cue) > 0 {
		c = nil
	}
	return &model.CustomerPreferencesUpdatePayload{Customer: c, CustomerUserErrors: cue, UserErrors: ue}, err
}

func dataExport(e *privacy.Export) *model.CustomerDataExport {
	if e == nil {
		return nil
	}
	return &model.CustomerDataExport{CreatedAt: e.CreatedAt, ContentType: "application/json", Data: string(e.JSON)}
}

func communicationChanges(in []*model.CommunicationPreferenceInput) []preferences.Change {
	out := make([]preferences.Change, len(in))
	for i, c := range in {
		out[i] = preferences.Change{Topic: c.Topic, Channel: c.Channel, Frequency: c.Frequency}
	}
	return out
}
