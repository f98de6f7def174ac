package main

import (
	"path/filepath"
	"strings"

	"github.com/99designs/gqlgen/codegen/config"
)

// sharedDir is the schema folder of the types both APIs serve.
const sharedDir = "schema/shared/"

// shareBindings makes the types both APIs serve one Go type each, so one
// set of resolvers answers them in both: a type of cfg's schema declared in
// schema/shared takes the other config's binding (its generated models
// live in that config's model package), and a type cfg binds to the same Go
// type as the other config takes the other's field settings for the fields
// cfg does not name.
func shareBindings(cfg *config.Config, otherFile string) error {
	other, err := config.LoadConfig(otherFile)
	if err != nil {
		return err
	}
	if err := other.LoadSchema(); err != nil {
		return err
	}
	if err := cfg.LoadSchema(); err != nil {
		return err
	}
	for name, def := range cfg.Schema.Types {
		theirs, ok := other.Schema.Types[name]
		if !ok || def.BuiltIn {
			continue
		}
		entry, bound := cfg.Models[name]
		if !bound {
			if def.Position == nil || !strings.Contains(filepath.ToSlash(def.Position.Src.Name), sharedDir) {
				continue
			}
			entry = other.Models[name]
			if len(entry.Model) == 0 {
				entry.Model = config.StringList{other.Model.ImportPath() + "." + theirs.Name}
			}
			cfg.Models[name] = entry
			continue
		}
		if !sameModel(entry.Model, other.Models[name].Model) {
			continue
		}
		for field, settings := range other.Models[name].Fields {
			if _, named := entry.Fields[field]; !named {
				if entry.Fields == nil {
					entry.Fields = map[string]config.TypeMapField{}
				}
				entry.Fields[field] = settings
			}
		}
		cfg.Models[name] = entry
	}
	return nil
}

func sameModel(a, b config.StringList) bool {
	return len(a) > 0 && len(a) == len(b) && a[0] == b[0]
}
