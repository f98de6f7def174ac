package graph

import (
	"accountgraph/graph/model"
	"accountgraph/internal/catalog"
)

// imageTransform maps ImageTransformInput (or transformedSrc's arguments).
func imageTransform(crop *model.CropRegion, maxHeight, maxWidth *int, format *model.ImageContentType, scale *int) catalog.ImageTransform {
	t := catalog.ImageTransform{MaxWidth: maxWidth, MaxHeight: maxHeight, Scale: scale}
	if crop != nil {
		t.Crop = string(*crop)
	}
	if format != nil {
		t.Format = string(*format)
	}
	return t
}
