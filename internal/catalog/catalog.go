// Package catalog keeps the products and variants that account pages show,
// synced from the shop's catalogue system (products by handle, variants by
// SKU), and reads them for the storefront.
package catalog

import (
	"context"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"accountgraph/ent"
	"accountgraph/ent/notification"
	"accountgraph/ent/product"
	"accountgraph/ent/productvariant"
	"accountgraph/ent/schema"
	"accountgraph/ent/wishlist"
	"accountgraph/ent/wishlistevent"
	"accountgraph/ent/wishlistline"
	"accountgraph/internal/apperr"
	"accountgraph/internal/db"
	"accountgraph/internal/gid"
	"accountgraph/internal/money"
	"accountgraph/internal/notify"
	"accountgraph/internal/ptr"
)

// Limits of one sync call.
const (
	MaxProducts = 250
	MaxVariants = 100
)

// Service syncs and reads the catalogue.
type Service struct {
	DB *ent.Client
	// Outbox takes the wishlist alerts (price drop, back in stock) in the
	// sync's transaction (nil: none).
	Outbox *notify.Outbox
}

// ProductInput is a product to upsert.
type ProductInput struct {
	Handle, Title       string
	Description         *string
	Vendor, ProductType *string
	Tags                []string
	ImageURL, ImageAlt  *string
	PublishedAt         *time.Time
	Variants            []VariantInput
}

// VariantInput is a variant to upsert.
type VariantInput struct {
	SKU, Title       string
	Price            string
	CompareAtPrice   *string
	Currency         string
	AvailableForSale bool
	Options          []schema.SelectedOption
	ImageURL         *string
}

var handleRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,254}$`)

type prepared struct {
	in       ProductInput
	variants []ent.ProductVariant
}

func validate(products []ProductInput) ([]prepared, error) {
	var errs apperr.FieldErrors
	if len(products) > MaxProducts {
		return nil, apperr.Invalid(apperr.Path("products"), apperr.CodeTooMany, "At most 250 products per call")
	}
	handles, skus := map[string]bool{}, map[string]bool{}
	out := make([]prepared, len(products))
	text := func(field []string, v string, max int) { checkLength(&errs, field, v, max) }
	imageOK := func(field []string, v *string) { checkImageURL(&errs, field, v) }
	for i, p := range products {
		p.Handle = strings.TrimSpace(p.Handle)
		checkHandleAndTitle(&errs, handles, apperr.Path("products", i), p.Handle, p.Title)
		for name, v := range map[string]*string{"vendor": p.Vendor, "productType": p.ProductType, "imageAlt": p.ImageAlt} {
			if v != nil {
				text(apperr.Path("products", i, name), *v, 255)
			}
		}
		if len(p.Tags) > 250 {
			errs.Add(apperr.Path("products", i, "tags"), apperr.CodeTooMany, "At most 250 tags")
		}
		for j, tag := range p.Tags {
			text(apperr.Path("products", i, "tags", j), tag, 255)
		}
		imageOK(apperr.Path("products", i, "imageUrl"), p.ImageURL)
		if len(p.Variants) == 0 || len(p.Variants) > MaxVariants {
			errs.Add(apperr.Path("products", i, "variants"), apperr.CodeTooMany, "A product has 1 to 100 variants")
		}
		out[i].in = p
		for j, v := range p.Variants {
			vf := func(name string) []string { return apperr.Path("products", i, "variants", j, name) }
			v.SKU = strings.TrimSpace(v.SKU)
			switch {
			case v.SKU == "":
				errs.Add(vf("sku"), apperr.CodeBlank, "SKU can't be blank")
			case skus[v.SKU]:
				errs.Add(vf("sku"), apperr.CodeTaken, "SKU appears twice in this call")
			}
			skus[v.SKU] = true
			text(vf("sku"), v.SKU, 255)
			text(vf("title"), v.Title, 255)
			if strings.TrimSpace(v.Title) == "" {
				errs.Add(vf("title"), apperr.CodeBlank, "Title can't be blank")
			}
			price, err := money.Parse(v.Price, v.Currency)
			if err != nil {
				errs.Add(vf("price"), apperr.CodeInvalid, "Price must be a non-negative decimal in "+v.Currency)
			}
			pv := ent.ProductVariant{Sku: v.SKU, Title: strings.TrimSpace(v.Title), Price: price, CurrencyCode: v.Currency,
				AvailableForSale: v.AvailableForSale, SelectedOptions: v.Options, ImageURL: v.ImageURL, Position: j + 1}
			if v.CompareAtPrice != nil {
				cmp, err := money.Parse(*v.CompareAtPrice, v.Currency)
				if err != nil {
					errs.Add(vf("compareAtPrice"), apperr.CodeInvalid, "Compare-at price must be a non-negative decimal in "+v.Currency)
				}
				pv.CompareAtPrice = &cmp
			}
			imageOK(vf("imageUrl"), v.ImageURL)
			out[i].variants = append(out[i].variants, pv)
		}
	}
	return out, errs.Err()
}

// checkLength refuses text of more than max characters.
func checkLength(errs *apperr.FieldErrors, field []string, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		errs.Add(field, apperr.CodeTooLong, "Too long")
	}
}

// checkImageURL refuses an image address that is not http(s).
func checkImageURL(errs *apperr.FieldErrors, field []string, v *string) {
	if v == nil {
		return
	}
	u, err := url.Parse(*v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(*v) > 2048 {
		errs.Add(field, apperr.CodeInvalid, "Image URL must be an http(s) address")
	}
}

// checkHandleAndTitle checks the keys every synced object has (handle,
// trimmed, unique in the call: seen holds the call's handles) and its title.
func checkHandleAndTitle(errs *apperr.FieldErrors, seen map[string]bool, at []string, handle, title string) {
	field := func(name string) []string { return append(slices.Clone(at), name) }
	switch {
	case !handleRE.MatchString(handle):
		errs.Add(field("handle"), apperr.CodeInvalid, "Handle must be lower-case letters, digits and dashes")
	case seen[handle]:
		errs.Add(field("handle"), apperr.CodeTaken, "Handle appears twice in this call")
	}
	seen[handle] = true
	if strings.TrimSpace(title) == "" {
		errs.Add(field("title"), apperr.CodeBlank, "Title can't be blank")
	}
	checkLength(errs, field("title"), title, 255)
}

// Upsert creates or updates products and variants, all or nothing.
func (s *Service) Upsert(ctx context.Context, products []ProductInput) ([]*ent.Product, error) {
	items, err := validate(products)
	if err != nil {
		return nil, err
	}
	out := make([]*ent.Product, len(items))
	err = db.WithTx(ctx, s.DB, func(tx *ent.Tx) error {
		for i, it := range items {
			p := it.in
			existing, err := tx.Product.Query().Where(product.Handle(p.Handle)).Only(ctx)
			if err != nil && !ent.IsNotFound(err) {
				return err
			}
			tags := p.Tags
			if tags == nil {
				tags = []string{}
			}
			if existing == nil {
				published := p.PublishedAt
				if published == nil {
					published = ptr.To(time.Now().UTC())
				}
				out[i], err = tx.Product.Create().SetHandle(p.Handle).SetTitle(strings.TrimSpace(p.Title)).
					SetDescription(trimmed(p.Description)).SetVendor(trimmed(p.Vendor)).SetProductType(trimmed(p.ProductType)).
					SetTags(tags).SetNillableImageURL(p.ImageURL).SetNillableImageAlt(p.ImageAlt).SetPublishedAt(*published).Save(ctx)
			} else {
				out[i], err = existing.Update().SetTitle(strings.TrimSpace(p.Title)).
					SetDescription(trimmed(p.Description)).SetVendor(trimmed(p.Vendor)).SetProductType(trimmed(p.ProductType)).
					SetTags(tags).SetNillableImageURL(p.ImageURL).SetNillableImageAlt(p.ImageAlt).SetNillablePublishedAt(p.PublishedAt).Save(ctx)
			}
			if err != nil {
				return err
			}
			skus := make([]string, len(it.variants))
			for j, v := range it.variants {
				skus[j] = v.Sku
			}
			before, err := tx.ProductVariant.Query().Where(productvariant.SkuIn(skus...)).All(ctx)
			if err != nil {
				return err
			}
			old := map[string]*ent.ProductVariant{}
			for _, v := range before {
				old[v.Sku] = v
			}
			for _, v := range it.variants {
				if prev := old[v.Sku]; prev != nil {
					if err := s.recordWishlistEvents(ctx, tx, out[i].Title, prev, v); err != nil {
						return err
					}
				}
				err := tx.ProductVariant.Create().SetProductID(out[i].ID).SetSku(v.Sku).SetTitle(v.Title).
					SetPrice(v.Price).SetNillableCompareAtPrice(v.CompareAtPrice).SetCurrencyCode(v.CurrencyCode).
					SetAvailableForSale(v.AvailableForSale).SetSelectedOptions(v.SelectedOptions).
					SetNillableImageURL(v.ImageURL).SetPosition(v.Position).
					OnConflictColumns(productvariant.FieldSku).
					UpdateProductID().UpdateTitle().UpdatePrice().UpdateCompareAtPrice().UpdateCurrencyCode().
					UpdateAvailableForSale().UpdateSelectedOptions().UpdateImageURL().UpdatePosition().UpdateUpdatedAt().
					Exec(ctx)
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// trimmed is the text p points at, trimmed ("" for nil).
func trimmed(p *string) string { return strings.TrimSpace(ptr.Deref(p)) }

// Product returns a product by handle or global ID, or nil.
func (s *Service) Product(ctx context.Context, handle, id *string) (*ent.Product, error) {
	return findSynced(handle, id, "Product",
		func(h string) (*ent.Product, error) { return s.DB.Product.Query().Where(product.Handle(h)).Only(ctx) },
		func(key int) (*ent.Product, error) { return s.DB.Product.Get(ctx, key) })
}

// findSynced finds an object the catalogue system syncs by handle, or by
// its global ID of type typ: nil when there is none (or the ID is of
// another type).
func findSynced[T any](handle, id *string, typ string, byHandle func(string) (T, error), byKey func(int) (T, error)) (T, error) {
	var none, v T
	var err error
	switch {
	case handle != nil:
		v, err = byHandle(*handle)
	case id != nil:
		key, derr := gid.Decode(*id, typ)
		if derr != nil {
			return none, nil
		}
		v, err = byKey(key)
	default:
		return none, apperr.BadRequest("pass handle or id")
	}
	if ent.IsNotFound(err) {
		return none, nil
	}
	return v, err
}

// recordWishlistEvents notes, for every customer with the variant on a
// wishlist, that it dropped in price or came back in stock, and tells them.
func (s *Service) recordWishlistEvents(ctx context.Context, tx *ent.Tx, title string, prev *ent.ProductVariant, next ent.ProductVariant) error {
	var kind wishlistevent.Kind
	switch {
	case !prev.AvailableForSale && next.AvailableForSale:
		kind = wishlistevent.KindBACK_IN_STOCK
	case next.AvailableForSale && next.CurrencyCode == prev.CurrencyCode && next.Price < prev.Price:
		kind = wishlistevent.KindPRICE_DROP
	default:
		return nil
	}
	customers, err := tx.Wishlist.Query().
		Where(wishlist.HasLinesWith(wishlistline.VariantID(prev.ID))).
		Unique(true).Select(wishlist.FieldCustomerID).Ints(ctx)
	if err != nil {
		return err
	}
	seen := map[int]bool{}
	var bulk []*ent.WishlistEventCreate
	for _, c := range customers {
		if seen[c] {
			continue
		}
		seen[c] = true
		bulk = append(bulk, tx.WishlistEvent.Create().SetCustomerID(c).SetVariantID(prev.ID).SetKind(kind).
			SetOldPrice(prev.Price).SetNewPrice(next.Price).SetCurrencyCode(next.CurrencyCode))
	}
	if len(bulk) == 0 {
		return nil
	}
	rows, err := tx.WishlistEvent.CreateBulk(bulk...).Save(ctx)
	if err != nil || s.Outbox == nil {
		return err
	}
	if next.Title != "" && next.Title != "Default Title" {
		title += " – " + next.Title
	}
	events := make([]notify.Event, len(rows))
	for i, r := range rows {
		events[i] = notify.Event{Key: "wishlist_alert:" + strconv.Itoa(r.ID), Kind: "wishlist_alert",
			Topic: notify.Topic(notification.TopicWISHLIST_ALERTS), CustomerID: r.CustomerID,
			Data: map[string]any{"Kind": string(kind), "Title": title,
				"OldPrice": money.Format(prev.Price, prev.CurrencyCode) + " " + prev.CurrencyCode,
				"NewPrice": money.Format(next.Price, next.CurrencyCode) + " " + next.CurrencyCode}}
	}
	return s.Outbox.Enqueue(ctx, tx, events...)
}
