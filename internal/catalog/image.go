package catalog

import (
	"net/url"
	"strconv"
	"strings"

	"accountgraph/internal/apperr"
)

// ImageTransform is Shopify's ImageTransformInput: a maximum size, a crop
// region, a scale for high-density screens and a format.
type ImageTransform struct {
	MaxWidth, MaxHeight *int
	Crop                string // CENTER, TOP, …; "" for none
	Scale               *int   // 1..3; nil is 1
	Format              string // JPG, PNG, WEBP; "" keeps the image's
}

// MaxImageSide is the largest width or height a transform may ask for.
const MaxImageSide = 5760

// ImageURL is the address of src transformed by t: the image host reads
// width, height, crop and format from the query, as Shopify's CDN does.
// Parameters src already has are kept; an empty transform returns src.
func ImageURL(src string, t ImageTransform) (string, error) {
	scale := 1
	if t.Scale != nil {
		scale = *t.Scale
	}
	if scale < 1 || scale > 3 {
		return "", apperr.BadRequest("transform.scale must be between 1 and 3")
	}
	params := url.Values{}
	side := func(name string, v *int) error {
		if v == nil {
			return nil
		}
		if *v < 1 || *v > MaxImageSide {
			return apperr.BadRequest("transform.max" + strings.ToUpper(name[:1]) + name[1:] + " must be between 1 and " + strconv.Itoa(MaxImageSide))
		}
		params.Set(name, strconv.Itoa(*v*scale))
		return nil
	}
	if err := side("width", t.MaxWidth); err != nil {
		return "", err
	}
	if err := side("height", t.MaxHeight); err != nil {
		return "", err
	}
	if t.Crop != "" && (t.MaxWidth != nil || t.MaxHeight != nil) {
		params.Set("crop", strings.ToLower(t.Crop))
	}
	if t.Format != "" {
		params.Set("format", strings.ToLower(t.Format))
	}
	if len(params) == 0 {
		return src, nil
	}
	u, err := url.Parse(src)
	if err != nil {
		return src, nil // stored addresses are checked on sync; answer it as it is
	}
	q := u.Query()
	for k, v := range params {
		if !q.Has(k) {
			q[k] = v
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}
