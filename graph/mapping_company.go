package graph

import (
	"accountgraph/graph/model"
	"accountgraph/internal/company"
)

// companyInput maps adminCompanyCreate's input to the business type.
func companyInput(in model.AdminCompanyInput) company.Input {
	out := company.Input{ExternalID: in.ExternalID, Name: in.Name, Note: in.Note}
	for _, l := range in.Locations {
		out.Locations = append(out.Locations, company.LocationInput{ExternalID: l.ExternalID, Name: l.Name})
	}
	for _, c := range in.Contacts {
		out.Contacts = append(out.Contacts, company.ContactInput{Email: c.Email, Role: string(c.Role), SpendingLimit: c.SpendingLimit})
	}
	return out
}
