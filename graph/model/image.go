package model

// NewImage is the Image of a stored address and alt text; nil without an
// address. Both APIs make their images with it.
func NewImage(url, alt *string) *Image {
	if url == nil {
		return nil
	}
	return &Image{URL: *url, Src: *url, OriginalSrc: *url, AltText: alt}
}
