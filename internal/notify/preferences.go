package notify

import (
	"context"

	"accountgraph/ent"
	"accountgraph/ent/communicationpreference"
	"accountgraph/ent/customer"
	"accountgraph/ent/notification"
)

// Frequency is how often a customer hears about a topic on a channel.
type Frequency = communicationpreference.Frequency

// The frequencies.
const (
	Immediate = communicationpreference.FrequencyIMMEDIATE
	Daily     = communicationpreference.FrequencyDAILY
	Weekly    = communicationpreference.FrequencyWEEKLY
	Never     = communicationpreference.FrequencyNEVER
)

// Topics and Channels in the order the API lists them.
var (
	Topics = []notification.Topic{
		notification.TopicORDER_CONFIRMATION, notification.TopicSHIPPING_UPDATES, notification.TopicDELIVERY_UPDATES,
		notification.TopicPROMOTIONS, notification.TopicACCOUNT_CHANGES, notification.TopicSECURITY_ALERTS,
		notification.TopicWISHLIST_ALERTS, notification.TopicLOYALTY, notification.TopicRETURNS,
	}
	Channels = []notification.Channel{notification.ChannelEMAIL, notification.ChannelSMS, notification.ChannelPUSH}
)

// Preference is a customer's effective choice for one topic on one channel.
type Preference struct {
	Topic     notification.Topic
	Channel   notification.Channel
	Frequency Frequency
	// Locked is true where the customer cannot change the choice (security
	// alerts by email).
	Locked bool
}

// Enabled reports whether messages go out at all.
func (p Preference) Enabled() bool { return p.Frequency != Never }

// Locked reports whether a topic on a channel cannot be turned off.
func Locked(t notification.Topic, ch notification.Channel) bool {
	return t == notification.TopicSECURITY_ALERTS && ch == notification.ChannelEMAIL
}

// effective is the frequency for a topic on a channel given the customer's
// stored choice (nil when none). Text messages and push are opt-in; email
// is on for everything the customer's account produces, except promotions,
// which follow acceptsMarketing: the two always agree because a change of
// one is written to both (see internal/preferences) and acceptsMarketing false wins.
func effective(c *ent.Customer, t notification.Topic, ch notification.Channel, stored *Frequency) Frequency {
	switch {
	case Locked(t, ch):
		return Immediate
	case t == notification.TopicPROMOTIONS && ch == notification.ChannelEMAIL:
		if !c.AcceptsMarketing {
			return Never
		}
		if stored != nil && *stored != Never {
			return *stored
		}
		return Immediate
	case stored != nil:
		return *stored
	case ch == notification.ChannelEMAIL:
		return Immediate
	}
	return Never
}

// Matrix returns a customer's preferences for every topic and channel from
// the customer's stored rows.
func Matrix(c *ent.Customer, rows []*ent.CommunicationPreference) []Preference {
	stored := map[[2]string]Frequency{}
	for _, r := range rows {
		stored[[2]string{string(r.Topic), string(r.Channel)}] = r.Frequency
	}
	out := make([]Preference, 0, len(Topics)*len(Channels))
	for _, t := range Topics {
		for _, ch := range Channels {
			var f *Frequency
			if v, ok := stored[[2]string{string(t), string(ch)}]; ok {
				f = &v
			}
			out = append(out, Preference{Topic: t, Channel: ch, Frequency: effective(c, t, ch, f), Locked: Locked(t, ch)})
		}
	}
	return out
}

// Find returns the preference for a topic on a channel from a Matrix.
func Find(prefs []Preference, t notification.Topic, ch notification.Channel) (Preference, bool) {
	for _, p := range prefs {
		if p.Topic == t && p.Channel == ch {
			return p, true
		}
	}
	return Preference{}, false
}

// audience is customers with their stored preferences.
type audience struct {
	customers map[int]*ent.Customer
	stored    map[int][]*ent.CommunicationPreference
}

// loadAudience reads customers and their stored preferences in two
// statements (none without IDs).
func loadAudience(ctx context.Context, db *ent.Client, ids []int) (audience, error) {
	a := audience{customers: map[int]*ent.Customer{}, stored: map[int][]*ent.CommunicationPreference{}}
	if len(ids) == 0 {
		return a, nil
	}
	cs, err := db.Customer.Query().Where(customer.IDIn(ids...)).All(ctx)
	if err != nil {
		return a, err
	}
	for _, c := range cs {
		a.customers[c.ID] = c
	}
	prefs, err := db.CommunicationPreference.Query().Where(communicationpreference.CustomerIDIn(ids...)).All(ctx)
	if err != nil {
		return a, err
	}
	for _, p := range prefs {
		a.stored[p.CustomerID] = append(a.stored[p.CustomerID], p)
	}
	return a, nil
}
