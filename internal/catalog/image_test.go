package catalog

import (
	"strings"
	"testing"
)

func TestImageURL(t *testing.T) {
	n := func(v int) *int { return &v }
	for _, c := range []struct {
		src  string
		t    ImageTransform
		want string
	}{
		{"https://cdn.example/a.png", ImageTransform{}, "https://cdn.example/a.png"},
		{"https://cdn.example/a.png", ImageTransform{MaxWidth: n(96), MaxHeight: n(96), Crop: "CENTER", Scale: n(2)},
			"https://cdn.example/a.png?crop=center&height=192&width=192"},
		{"https://cdn.example/a.png?v=3", ImageTransform{MaxWidth: n(100), Format: "WEBP"}, "https://cdn.example/a.png?format=webp&v=3&width=100"},
		// A crop without a size has nothing to crop to.
		{"https://cdn.example/a.png", ImageTransform{Crop: "TOP"}, "https://cdn.example/a.png"},
		// The source's own parameters win.
		{"https://cdn.example/a.png?width=10", ImageTransform{MaxWidth: n(50)}, "https://cdn.example/a.png?width=10"},
	} {
		got, err := ImageURL(c.src, c.t)
		if err != nil || got != c.want {
			t.Errorf("ImageURL(%q, %+v) = %q, %v; want %q", c.src, c.t, got, err, c.want)
		}
	}
	for _, bad := range []ImageTransform{{MaxWidth: n(0)}, {MaxHeight: n(5761)}, {Scale: n(4)}, {Scale: n(0)}} {
		if _, err := ImageURL("https://cdn.example/a.png", bad); err == nil || !strings.Contains(err.Error(), "transform.") {
			t.Errorf("ImageURL accepted %+v: %v", bad, err)
		}
	}
}
