/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date and time in UTC, for example `2026-11-25T10:15:00Z`. */
  DateTime: { input: string; output: string; }
  /** An exact decimal number as a string, for example `"19.99"`. Money is never a float. */
  Decimal: { input: string; output: string; }
  /** An RFC 3986 URL, for example `https://shop.example/account/reset/1/abc`. */
  URL: { input: string; output: string; }
  /** A non-negative 64-bit integer, sent as a string. */
  UnsignedInt64: { input: string; output: string; }
};

/** Changes to the account settings. */
export type AccountSettingsInput = {
  /** Whether customers have accounts. */
  accounts?: InputMaybe<CustomerAccountsMode>;
  /** Allowed registration domains (at most 100); an empty list allows any. */
  allowedEmailDomains?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Whether sign-in codes are allowed. */
  passwordless?: InputMaybe<Scalars['Boolean']['input']>;
  /** Who may register. */
  registration?: InputMaybe<RegistrationMode>;
  /** Return instructions, at most 2000 characters. */
  returnInstructions?: InputMaybe<Scalars['String']['input']>;
  /** The return window in days, 0 (off) to 365. */
  returnWindowDays?: InputMaybe<Scalars['Int']['input']>;
  /** The two-factor policy. */
  twoFactor?: InputMaybe<TwoFactorPolicy>;
};

/** A collection to create or update (matched by handle). */
export type AdminCollectionInput = {
  /** Plain-text description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The URL-safe key: lower-case letters, digits and dashes. */
  handle: Scalars['String']['input'];
  /** The picture's text. */
  imageAlt?: InputMaybe<Scalars['String']['input']>;
  /** The picture's address. */
  imageUrl?: InputMaybe<Scalars['URL']['input']>;
  /** The handles of the collection's products, in its order, at most 1,000; left out, the collection keeps its products. */
  productHandles?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The title. */
  title: Scalars['String']['input'];
};

/** A person on the ERP's contact list. */
export type AdminCompanyContactInput = {
  /** Their email; the account with this email, once proven, becomes the contact. */
  email: Scalars['String']['input'];
  /** Their role. */
  role: CompanyContactRole;
  /** The most one order may cost, in the shop's currency. */
  spendingLimit?: InputMaybe<Scalars['Decimal']['input']>;
};

/** A company from the ERP. */
export type AdminCompanyInput = {
  /** The whole contact list (at most 1,000); it replaces the previous one. */
  contacts?: InputMaybe<Array<AdminCompanyContactInput>>;
  /** The ERP's ID: the key of the synchronisation. */
  externalId: Scalars['String']['input'];
  /** Locations (at most 100), matched by `externalId`. */
  locations?: InputMaybe<Array<AdminCompanyLocationInput>>;
  /** The company's name. */
  name: Scalars['String']['input'];
  /** Staff notes. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** A location from the ERP. */
export type AdminCompanyLocationInput = {
  /** The ERP's ID of the location. */
  externalId: Scalars['String']['input'];
  /** The location's name. */
  name: Scalars['String']['input'];
};

/** Input for `adminCustomerInvite`. */
export type AdminCustomerInviteInput = {
  /** The email to invite. */
  email: Scalars['String']['input'];
  /** The given name. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** The family name. */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** A personal message added to the invitation (up to 1,000 characters, plain text). */
  message?: InputMaybe<Scalars['String']['input']>;
};

/** The orders of `adminCustomers`. */
export type AdminCustomerSortKeys =
  /** By amount spent. */
  | 'AMOUNT_SPENT'
  /** By creation time. */
  | 'CREATED_AT'
  /** By ID (creation order). */
  | 'ID'
  /** By full name (first then last), case-insensitive; customers without a name come first. */
  | 'NAME'
  /** By number of orders. */
  | 'ORDERS_COUNT'
  /** By last change. */
  | 'UPDATED_AT';

/** The states staff set with `adminCustomerUpdate`. */
export type AdminCustomerState =
  /** The customer cannot sign in; sessions end. */
  | 'DISABLED'
  /** The customer can sign in (or activate an invitation). */
  | 'ENABLED';

/** Input for `adminCustomerUpdate`. */
export type AdminCustomerUpdateInput = {
  /** A note for staff (up to 5,000 characters; empty clears it). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Enable or disable the customer. */
  state?: InputMaybe<AdminCustomerState>;
  /** The tags (replacing the current ones; at most 250, each up to 255 characters). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The part of a line's discount one discount application gave. */
export type AdminDiscountAllocationInput = {
  /** The amount. */
  amount: Scalars['Decimal']['input'];
  /** The application's position in the order's `discountApplications`, from 0. */
  discountApplicationIndex: Scalars['Int']['input'];
};

/** A discount applied to an ingested order: a code, or a manual discount with a title. */
export type AdminDiscountApplicationInput = {
  /** How it is spread. */
  allocationMethod?: InputMaybe<DiscountApplicationAllocationMethod>;
  /** A fixed amount off (give this or `percentage`). */
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  /** The code the buyer entered. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** Why a manual discount was given. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** A percentage off, above 0 and at most 100 (give this or `amount`). */
  percentage?: InputMaybe<Scalars['Float']['input']>;
  /** Which targets. */
  targetSelection?: InputMaybe<DiscountApplicationTargetSelection>;
  /** What it applies to. */
  targetType?: InputMaybe<DiscountApplicationTargetType>;
  /** The name of a manual discount (when there is no code). */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** The kinds of `AdminUserError`. */
export type AdminErrorCode =
  /** The code was already used. */
  | 'ALREADY_USED'
  /** A required value is empty. */
  | 'BLANK'
  /** The value contains HTML tags. */
  | 'CONTAINS_HTML_TAGS'
  /** The code or membership has expired. */
  | 'EXPIRED'
  /** The customer's points do not cover the change. */
  | 'INSUFFICIENT_POINTS'
  /** The value is not valid. */
  | 'INVALID'
  /** The change is not allowed in the object's state. */
  | 'NOT_ALLOWED'
  /** The referenced object does not exist. */
  | 'NOT_FOUND'
  /** The value is used by another object. */
  | 'TAKEN'
  /** The value is too long. */
  | 'TOO_LONG'
  /** Too many items in a list. */
  | 'TOO_MANY';

/** A tracking event. */
export type AdminFulfillmentEventInput = {
  /** Where: city. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** Where: country code. */
  countryCode?: InputMaybe<CountryCode>;
  /** When; now when absent. */
  happenedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The carrier's words. */
  message?: InputMaybe<Scalars['String']['input']>;
  /** Where: province. */
  province?: InputMaybe<Scalars['String']['input']>;
  /** What happened. */
  status: FulfillmentEventStatus;
  /** Where: postal code. */
  zip?: InputMaybe<Scalars['String']['input']>;
};

/** A shipment. */
export type AdminFulfillmentInput = {
  /** The order system's ID of the shipment; makes the call idempotent. */
  externalId?: InputMaybe<Scalars['String']['input']>;
  /** The lines shipped; every line in full when absent. */
  lineItems?: InputMaybe<Array<AdminFulfillmentLineInput>>;
  /** When it shipped (a shipment synced late); now when absent. The return window counts from it; a shipment older than a day is not announced. */
  shippedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The carrier. */
  trackingCompany?: InputMaybe<Scalars['String']['input']>;
  /** Tracking numbers and links (at most 20). */
  trackingInfo?: InputMaybe<Array<AdminTrackingInfoInput>>;
};

/** A shipped line. */
export type AdminFulfillmentLineInput = {
  /** The line's position in the order, from 1. */
  position: Scalars['Int']['input'];
  /** Units shipped. */
  quantity: Scalars['Int']['input'];
};

/** An order from the order system. */
export type AdminOrderInput = {
  /** Where it is billed. */
  billingAddress?: InputMaybe<MailingAddressInput>;
  /**
   * A B2B order: the company location it is placed for. The customer must be
   * a contact of the company, and a buyer's order within their spending limit.
   */
  companyLocationId?: InputMaybe<Scalars['ID']['input']>;
  /** The confirmation number the customer was shown (4 to 32 letters and digits); left out, one is made. */
  confirmationNumber?: InputMaybe<Scalars['String']['input']>;
  /** The currency of every amount. */
  currencyCode: CurrencyCode;
  /** The customer's global ID; without it the order is a guest order joined to the account of its email. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** The discounts applied (at most 20). */
  discountApplications?: InputMaybe<Array<AdminDiscountApplicationInput>>;
  /** The email the order was placed with. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The order system's ID; the key that makes ingestion idempotent. */
  externalId: Scalars['String']['input'];
  /** The payment state. */
  financialStatus?: InputMaybe<OrderFinancialStatus>;
  /** The lines (1 to 250). */
  lineItems: Array<AdminOrderLineItemInput>;
  /** The phone the order was placed with. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** When the order was placed; now when absent. */
  processedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Where it ships to. */
  shippingAddress?: InputMaybe<MailingAddressInput>;
  /** Order-level discounts. */
  totalDiscounts?: InputMaybe<Scalars['Decimal']['input']>;
  /** The shipping price. */
  totalShippingPrice?: InputMaybe<Scalars['Decimal']['input']>;
  /** The tax. */
  totalTax?: InputMaybe<Scalars['Decimal']['input']>;
};

/** A line of an ingested order. */
export type AdminOrderLineItemInput = {
  /** The discount on the whole line. */
  discount?: InputMaybe<Scalars['Decimal']['input']>;
  /**
   * Which of the order's discount applications make up the line's discount
   * (Shopify's `discount_allocations`). The amounts must add up to `discount`
   * (or give it, when `discount` is left at 0). Left out, a line's discount is
   * split over the order's line-item discounts in proportion to their values,
   * to the minor unit.
   */
  discountAllocations?: InputMaybe<Array<AdminDiscountAllocationInput>>;
  /** The unit price. */
  price: Scalars['Decimal']['input'];
  /** Units sold (1 to 10000). */
  quantity: Scalars['Int']['input'];
  /** The variant sold, by SKU; lines may also name a product no longer in the catalogue. */
  sku?: InputMaybe<Scalars['String']['input']>;
  /** The title shown to the customer. */
  title: Scalars['String']['input'];
  /** The variant's title, such as `M / Blue`. */
  variantTitle?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to an order. */
export type AdminOrderUpdateInput = {
  /** Close or reopen the order. */
  closed?: InputMaybe<Scalars['Boolean']['input']>;
  /** A new payment state. */
  financialStatus?: InputMaybe<OrderFinancialStatus>;
  /** A new shipping state. */
  fulfillmentStatus?: InputMaybe<OrderFulfillmentStatus>;
  /** An amount refunded now (added to earlier refunds; at most the remaining total). */
  refundAmount?: InputMaybe<Scalars['Decimal']['input']>;
};

/** A product to create or update (matched by handle). */
export type AdminProductInput = {
  /** Plain-text description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The URL-safe key: lower-case letters, digits and dashes. */
  handle: Scalars['String']['input'];
  /** The main picture's text. */
  imageAlt?: InputMaybe<Scalars['String']['input']>;
  /** The main picture's address. */
  imageUrl?: InputMaybe<Scalars['URL']['input']>;
  /** The kind of product. */
  productType?: InputMaybe<Scalars['String']['input']>;
  /** When the product went on sale; left out, a new product's is the time of its first sync and an existing product's stays. */
  publishedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Labels. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The title. */
  title: Scalars['String']['input'];
  /** The variants; variants of the product not listed are kept. */
  variants: Array<AdminProductVariantInput>;
  /** The maker or brand. */
  vendor?: InputMaybe<Scalars['String']['input']>;
};

/** A variant to create or update (matched by SKU). */
export type AdminProductVariantInput = {
  /** Whether it can be bought now. */
  availableForSale: Scalars['Boolean']['input'];
  /** The price before a markdown. */
  compareAtPrice?: InputMaybe<Scalars['Decimal']['input']>;
  /** The currency of both prices. */
  currencyCode: CurrencyCode;
  /** A picture of this variant. */
  imageUrl?: InputMaybe<Scalars['URL']['input']>;
  /** The price. */
  price: Scalars['Decimal']['input'];
  /** Options such as Size: M. */
  selectedOptions?: InputMaybe<Array<SelectedOptionInput>>;
  /** The stock keeping unit, unique in the shop. */
  sku: Scalars['String']['input'];
  /** The title, such as `M / Blue`. */
  title: Scalars['String']['input'];
};

/** Units received back, for one return line. */
export type AdminReturnReceiveLineInput = {
  /** How many more units arrived. */
  quantity: Scalars['Int']['input'];
  /** The return line's global ID. */
  returnLineItemId: Scalars['ID']['input'];
};

/** A parcel. */
export type AdminTrackingInfoInput = {
  /** The tracking number. */
  number: Scalars['String']['input'];
  /** The carrier's tracking page. */
  url?: InputMaybe<Scalars['URL']['input']>;
};

/** A custom attribute. */
export type AttributeInput = {
  /** The key. */
  key: Scalars['String']['input'];
  /** The value. */
  value: Scalars['String']['input'];
};

/** The buyer of an `@inContext` directive. */
export type BuyerInput = {
  /** The B2B company location the buyer acts for. */
  companyLocationId?: InputMaybe<Scalars['ID']['input']>;
  /** A customer access token of the signed-in buyer. */
  customerAccessToken: Scalars['String']['input'];
};

/** Who is buying. */
export type CartBuyerIdentityInput = {
  /** The buyer's country. */
  countryCode?: InputMaybe<CountryCode>;
  /** A customer access token: the cart becomes that customer's open cart. */
  customerAccessToken?: InputMaybe<Scalars['String']['input']>;
  /** The buyer's email. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The buyer's phone. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** The kinds of `CartUserError`, as on Shopify. */
export type CartErrorCode =
  | 'ADDRESS_FIELD_CONTAINS_EMOJIS'
  | 'ADDRESS_FIELD_CONTAINS_HTML_TAGS'
  | 'ADDRESS_FIELD_CONTAINS_URL'
  | 'ADDRESS_FIELD_DOES_NOT_MATCH_EXPECTED_PATTERN'
  | 'ADDRESS_FIELD_IS_REQUIRED'
  | 'ADDRESS_FIELD_IS_TOO_LONG'
  | 'BUNDLES_AND_ADDONS_CANNOT_BE_MIXED'
  | 'BUYER_CANNOT_PURCHASE_FOR_COMPANY_LOCATION'
  | 'CART_TOO_LARGE'
  | 'GIFT_CARD_RECIPIENT_INVALID'
  | 'INVALID'
  | 'INVALID_COMPANY_LOCATION'
  | 'INVALID_DELIVERY_ADDRESS_ID'
  | 'INVALID_DELIVERY_GROUP'
  | 'INVALID_DELIVERY_OPTION'
  | 'INVALID_INCREMENT'
  | 'INVALID_MERCHANDISE_LINE'
  | 'INVALID_METAFIELDS'
  | 'INVALID_PAYMENT'
  | 'INVALID_PAYMENT_DEFERRED_PAYMENT_REQUIRED'
  | 'INVALID_PAYMENT_EMPTY_CART'
  | 'INVALID_ZIP_CODE_FOR_COUNTRY'
  | 'INVALID_ZIP_CODE_FOR_PROVINCE'
  | 'LESS_THAN'
  | 'MAXIMUM_EXCEEDED'
  | 'MERCHANDISE_LINE_TRANSFORMERS_RUN_ERROR'
  | 'MERCHANDISE_NOT_APPLICABLE'
  | 'MINIMUM_NOT_MET'
  | 'MISSING_CUSTOMER_ACCESS_TOKEN'
  | 'MISSING_DISCOUNT_CODE'
  | 'MISSING_NOTE'
  | 'NOTE_TOO_LONG'
  | 'ONLY_ONE_DELIVERY_ADDRESS_CAN_BE_SELECTED'
  | 'PARENT_LINE_INVALID_REFERENCE'
  | 'PARENT_LINE_NESTING_TOO_DEEP'
  | 'PARENT_LINE_NOT_FOUND'
  | 'PARENT_LINE_OPERATION_BLOCKED'
  | 'PAYMENTS_CREDIT_CARD_BASE_EXPIRED'
  | 'PAYMENTS_CREDIT_CARD_BASE_GATEWAY_NOT_SUPPORTED'
  | 'PAYMENTS_CREDIT_CARD_GENERIC'
  | 'PAYMENTS_CREDIT_CARD_MONTH_INCLUSION'
  | 'PAYMENTS_CREDIT_CARD_NUMBER_INVALID'
  | 'PAYMENTS_CREDIT_CARD_NUMBER_INVALID_FORMAT'
  | 'PAYMENTS_CREDIT_CARD_VERIFICATION_VALUE_BLANK'
  | 'PAYMENTS_CREDIT_CARD_VERIFICATION_VALUE_INVALID_FOR_CARD_TYPE'
  | 'PAYMENTS_CREDIT_CARD_YEAR_EXPIRED'
  | 'PAYMENTS_CREDIT_CARD_YEAR_INVALID_EXPIRY_YEAR'
  | 'PAYMENT_METHOD_NOT_APPLICABLE'
  | 'PAYMENT_METHOD_NOT_SUPPORTED'
  | 'PENDING_DELIVERY_GROUPS'
  | 'PROVINCE_NOT_FOUND'
  | 'SELLING_PLAN_NOT_APPLICABLE'
  | 'SERVICE_UNAVAILABLE'
  | 'TOO_MANY_DELIVERY_ADDRESSES'
  | 'UNSPECIFIED_ADDRESS_ERROR'
  | 'VALIDATION_CUSTOM'
  | 'VARIANT_REQUIRES_SELLING_PLAN'
  | 'ZIP_CODE_NOT_SUPPORTED';

/** A new cart. */
export type CartInput = {
  /** Custom attributes. */
  attributes?: InputMaybe<Array<AttributeInput>>;
  /** Who is buying. */
  buyerIdentity?: InputMaybe<CartBuyerIdentityInput>;
  /** Discount codes. */
  discountCodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Lines to add. */
  lines?: InputMaybe<Array<CartLineInput>>;
  /** A note. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** A line to add. */
export type CartLineInput = {
  /** Custom attributes of the line. */
  attributes?: InputMaybe<Array<AttributeInput>>;
  /** The variant's global ID. */
  merchandiseId: Scalars['ID']['input'];
  /** Units (1 to 999). */
  quantity?: InputMaybe<Scalars['Int']['input']>;
};

/** A change to a line. */
export type CartLineUpdateInput = {
  /** Custom attributes of the line. */
  attributes?: InputMaybe<Array<AttributeInput>>;
  /** The line's ID. */
  id: Scalars['ID']['input'];
  /** Another variant for the line. */
  merchandiseId?: InputMaybe<Scalars['ID']['input']>;
  /** New units; 0 removes the line. */
  quantity?: InputMaybe<Scalars['Int']['input']>;
};

/** The kinds of `CartWarning`, as on Shopify. */
export type CartWarningCode =
  | 'DISCOUNT_CODE_NOT_HONOURED'
  | 'DISCOUNT_CURRENTLY_INACTIVE'
  | 'DISCOUNT_CUSTOMER_NOT_ELIGIBLE'
  | 'DISCOUNT_CUSTOMER_USAGE_LIMIT_REACHED'
  | 'DISCOUNT_ELIGIBLE_CUSTOMER_MISSING'
  | 'DISCOUNT_INCOMPATIBLE_PURCHASE_TYPE'
  | 'DISCOUNT_NOT_FOUND'
  | 'DISCOUNT_NO_ENTITLED_LINE_ITEMS'
  | 'DISCOUNT_NO_ENTITLED_SHIPPING_LINES'
  | 'DISCOUNT_PURCHASE_NOT_IN_RANGE'
  | 'DISCOUNT_QUANTITY_NOT_IN_RANGE'
  | 'DISCOUNT_USAGE_LIMIT_REACHED'
  | 'DUPLICATE_DELIVERY_ADDRESS'
  | 'MERCHANDISE_NOT_ENOUGH_STOCK'
  | 'MERCHANDISE_OUT_OF_STOCK'
  | 'MERCHANDISE_SELLING_PLAN_NOT_APPLICABLE_ON_COMPANY_LOCATION'
  | 'PAYMENTS_GIFT_CARDS_UNAVAILABLE';

/** The orders of the collections list. */
export type CollectionSortKeys =
  /** The collection's ID. */
  | 'ID'
  /** The ID's order: no text ranking is kept. */
  | 'RELEVANCE'
  /** The title. */
  | 'TITLE'
  /** When the collection last changed. */
  | 'UPDATED_AT';

/** How a customer message travels. */
export type CommunicationChannel =
  /** Email. */
  | 'EMAIL'
  /** Push notification to the shop's app. */
  | 'PUSH'
  /** Text message to the account's phone number. */
  | 'SMS';

/** How often a customer hears about a topic on a channel. */
export type CommunicationFrequency =
  /** One digest a day (08:00 UTC). */
  | 'DAILY'
  /** Each message at once. */
  | 'IMMEDIATE'
  /** Not at all. */
  | 'NEVER'
  /** One digest a week (Mondays, 08:00 UTC). */
  | 'WEEKLY';

/** A change of one communication preference. */
export type CommunicationPreferenceInput = {
  /** How they travel. */
  channel: CommunicationChannel;
  /** How often from now on. */
  frequency: CommunicationFrequency;
  /** What the messages are about. */
  topic: CommunicationTopic;
};

/** What a customer message is about. */
export type CommunicationTopic =
  /** Changes of the account's details. */
  | 'ACCOUNT_CHANGES'
  /** The last mile: out for delivery, delivered, attempted, failed. */
  | 'DELIVERY_UPDATES'
  /** Points earned and tiers reached. */
  | 'LOYALTY'
  /** An order was placed. */
  | 'ORDER_CONFIRMATION'
  /** Offers and news; by email the same consent as `acceptsMarketing`. */
  | 'PROMOTIONS'
  /** Return requests answered and refunded. */
  | 'RETURNS'
  /** Sign-ins from new devices or countries, password and two-factor changes. */
  | 'SECURITY_ALERTS'
  /** An order shipped. */
  | 'SHIPPING_UPDATES'
  /** Price drops and restocks of wishlist items. */
  | 'WISHLIST_ALERTS';

/** What a contact may do for the company. */
export type CompanyContactRole =
  /** Sees and places every order of the company. */
  | 'ADMIN'
  /** Places orders within a spending limit; sees their own. */
  | 'BUYER';

/** Where a consent change came from. */
export type ConsentSource =
  /** Staff, through the Admin API. */
  | 'ADMIN'
  /** The customer, with an unsubscribe link in a mail. */
  | 'EMAIL_LINK'
  /** A customer import (the shop's earlier records). */
  | 'IMPORT'
  /** The customer's registration. */
  | 'REGISTRATION'
  /** The customer, in the storefront. */
  | 'STOREFRONT';

/** What a consent is about. */
export type ConsentTopic =
  /** A communication preference: see `communicationTopic`, `channel` and `frequency`. */
  | 'COMMUNICATION'
  /** Sharing data with the shop's partners. */
  | 'DATA_SHARING'
  /** Marketing email (`acceptsMarketing`). */
  | 'MARKETING_EMAIL'
  /** Recommendations from the customer's history. */
  | 'PERSONALIZATION';

/** An ISO 3166-1 alpha-2 country code. */
export type CountryCode =
  | 'AC'
  | 'AD'
  | 'AE'
  | 'AF'
  | 'AG'
  | 'AI'
  | 'AL'
  | 'AM'
  | 'AN'
  | 'AO'
  | 'AR'
  | 'AT'
  | 'AU'
  | 'AW'
  | 'AX'
  | 'AZ'
  | 'BA'
  | 'BB'
  | 'BD'
  | 'BE'
  | 'BF'
  | 'BG'
  | 'BH'
  | 'BI'
  | 'BJ'
  | 'BL'
  | 'BM'
  | 'BN'
  | 'BO'
  | 'BQ'
  | 'BR'
  | 'BS'
  | 'BT'
  | 'BV'
  | 'BW'
  | 'BY'
  | 'BZ'
  | 'CA'
  | 'CC'
  | 'CD'
  | 'CF'
  | 'CG'
  | 'CH'
  | 'CI'
  | 'CK'
  | 'CL'
  | 'CM'
  | 'CN'
  | 'CO'
  | 'CR'
  | 'CU'
  | 'CV'
  | 'CW'
  | 'CX'
  | 'CY'
  | 'CZ'
  | 'DE'
  | 'DJ'
  | 'DK'
  | 'DM'
  | 'DO'
  | 'DZ'
  | 'EC'
  | 'EE'
  | 'EG'
  | 'EH'
  | 'ER'
  | 'ES'
  | 'ET'
  | 'FI'
  | 'FJ'
  | 'FK'
  | 'FO'
  | 'FR'
  | 'GA'
  | 'GB'
  | 'GD'
  | 'GE'
  | 'GF'
  | 'GG'
  | 'GH'
  | 'GI'
  | 'GL'
  | 'GM'
  | 'GN'
  | 'GP'
  | 'GQ'
  | 'GR'
  | 'GS'
  | 'GT'
  | 'GW'
  | 'GY'
  | 'HK'
  | 'HM'
  | 'HN'
  | 'HR'
  | 'HT'
  | 'HU'
  | 'ID'
  | 'IE'
  | 'IL'
  | 'IM'
  | 'IN'
  | 'IO'
  | 'IQ'
  | 'IR'
  | 'IS'
  | 'IT'
  | 'JE'
  | 'JM'
  | 'JO'
  | 'JP'
  | 'KE'
  | 'KG'
  | 'KH'
  | 'KI'
  | 'KM'
  | 'KN'
  | 'KP'
  | 'KR'
  | 'KW'
  | 'KY'
  | 'KZ'
  | 'LA'
  | 'LB'
  | 'LC'
  | 'LI'
  | 'LK'
  | 'LR'
  | 'LS'
  | 'LT'
  | 'LU'
  | 'LV'
  | 'LY'
  | 'MA'
  | 'MC'
  | 'MD'
  | 'ME'
  | 'MF'
  | 'MG'
  | 'MK'
  | 'ML'
  | 'MM'
  | 'MN'
  | 'MO'
  | 'MQ'
  | 'MR'
  | 'MS'
  | 'MT'
  | 'MU'
  | 'MV'
  | 'MW'
  | 'MX'
  | 'MY'
  | 'MZ'
  | 'NA'
  | 'NC'
  | 'NE'
  | 'NF'
  | 'NG'
  | 'NI'
  | 'NL'
  | 'NO'
  | 'NP'
  | 'NR'
  | 'NU'
  | 'NZ'
  | 'OM'
  | 'PA'
  | 'PE'
  | 'PF'
  | 'PG'
  | 'PH'
  | 'PK'
  | 'PL'
  | 'PM'
  | 'PN'
  | 'PS'
  | 'PT'
  | 'PY'
  | 'QA'
  | 'RE'
  | 'RO'
  | 'RS'
  | 'RU'
  | 'RW'
  | 'SA'
  | 'SB'
  | 'SC'
  | 'SD'
  | 'SE'
  | 'SG'
  | 'SH'
  | 'SI'
  | 'SJ'
  | 'SK'
  | 'SL'
  | 'SM'
  | 'SN'
  | 'SO'
  | 'SR'
  | 'SS'
  | 'ST'
  | 'SV'
  | 'SX'
  | 'SY'
  | 'SZ'
  | 'TA'
  | 'TC'
  | 'TD'
  | 'TF'
  | 'TG'
  | 'TH'
  | 'TJ'
  | 'TK'
  | 'TL'
  | 'TM'
  | 'TN'
  | 'TO'
  | 'TR'
  | 'TT'
  | 'TV'
  | 'TW'
  | 'TZ'
  | 'UA'
  | 'UG'
  | 'UM'
  | 'US'
  | 'UY'
  | 'UZ'
  | 'VA'
  | 'VC'
  | 'VE'
  | 'VG'
  | 'VN'
  | 'VU'
  | 'WF'
  | 'WS'
  | 'XK'
  | 'YE'
  | 'YT'
  | 'ZA'
  | 'ZM'
  | 'ZW'
  | 'ZZ';

/** The region of an image kept when cropping. */
export type CropRegion =
  /** Keep the bottom. */
  | 'BOTTOM'
  /** Keep the centre. */
  | 'CENTER'
  /** Keep the left. */
  | 'LEFT'
  /** Keep the right. */
  | 'RIGHT'
  /** Keep the top. */
  | 'TOP';

/** An ISO 4217 currency code. */
export type CurrencyCode =
  | 'AED'
  | 'AFN'
  | 'ALL'
  | 'AMD'
  | 'ANG'
  | 'AOA'
  | 'ARS'
  | 'AUD'
  | 'AWG'
  | 'AZN'
  | 'BAM'
  | 'BBD'
  | 'BDT'
  | 'BGN'
  | 'BHD'
  | 'BIF'
  | 'BMD'
  | 'BND'
  | 'BOB'
  | 'BRL'
  | 'BSD'
  | 'BTN'
  | 'BWP'
  | 'BYN'
  | 'BYR'
  | 'BZD'
  | 'CAD'
  | 'CDF'
  | 'CHF'
  | 'CLP'
  | 'CNY'
  | 'COP'
  | 'CRC'
  | 'CVE'
  | 'CZK'
  | 'DJF'
  | 'DKK'
  | 'DOP'
  | 'DZD'
  | 'EGP'
  | 'ERN'
  | 'ETB'
  | 'EUR'
  | 'FJD'
  | 'FKP'
  | 'GBP'
  | 'GEL'
  | 'GHS'
  | 'GIP'
  | 'GMD'
  | 'GNF'
  | 'GTQ'
  | 'GYD'
  | 'HKD'
  | 'HNL'
  | 'HRK'
  | 'HTG'
  | 'HUF'
  | 'IDR'
  | 'ILS'
  | 'INR'
  | 'IQD'
  | 'IRR'
  | 'ISK'
  | 'JEP'
  | 'JMD'
  | 'JOD'
  | 'JPY'
  | 'KES'
  | 'KGS'
  | 'KHR'
  | 'KID'
  | 'KMF'
  | 'KRW'
  | 'KWD'
  | 'KYD'
  | 'KZT'
  | 'LAK'
  | 'LBP'
  | 'LKR'
  | 'LRD'
  | 'LSL'
  | 'LTL'
  | 'LVL'
  | 'LYD'
  | 'MAD'
  | 'MDL'
  | 'MGA'
  | 'MKD'
  | 'MMK'
  | 'MNT'
  | 'MOP'
  | 'MRU'
  | 'MUR'
  | 'MVR'
  | 'MWK'
  | 'MXN'
  | 'MYR'
  | 'MZN'
  | 'NAD'
  | 'NGN'
  | 'NIO'
  | 'NOK'
  | 'NPR'
  | 'NZD'
  | 'OMR'
  | 'PAB'
  | 'PEN'
  | 'PGK'
  | 'PHP'
  | 'PKR'
  | 'PLN'
  | 'PYG'
  | 'QAR'
  | 'RON'
  | 'RSD'
  | 'RUB'
  | 'RWF'
  | 'SAR'
  | 'SBD'
  | 'SCR'
  | 'SDG'
  | 'SEK'
  | 'SGD'
  | 'SHP'
  | 'SLL'
  | 'SOS'
  | 'SRD'
  | 'SSP'
  | 'STD'
  | 'STN'
  | 'SYP'
  | 'SZL'
  | 'THB'
  | 'TJS'
  | 'TMT'
  | 'TND'
  | 'TOP'
  | 'TRY'
  | 'TTD'
  | 'TWD'
  | 'TZS'
  | 'UAH'
  | 'UGX'
  | 'USD'
  | 'UYU'
  | 'UZS'
  | 'VED'
  | 'VEF'
  | 'VES'
  | 'VND'
  | 'VUV'
  | 'WST'
  | 'XAF'
  | 'XCD'
  | 'XOF'
  | 'XPF'
  | 'XXX'
  | 'YER'
  | 'ZAR'
  | 'ZMW';

/** Input for `customerAccessTokenCreate`. */
export type CustomerAccessTokenCreateInput = {
  /** The account's email. */
  email: Scalars['String']['input'];
  /** The account's password. */
  password: Scalars['String']['input'];
  /** With two-factor sign-in on (our extension): the 6-digit code from the authenticator app, or a recovery code. */
  totpCode?: InputMaybe<Scalars['String']['input']>;
};

/** A client to register. */
export type CustomerAccountClientInput = {
  /** Origins that may call the token endpoint from a browser, at most 20. */
  allowedOrigins?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Whether it authenticates with a secret. */
  confidential?: InputMaybe<Scalars['Boolean']['input']>;
  /** Its name, for staff. */
  name: Scalars['String']['input'];
  /** Where logout may send the browser, at most 20. */
  postLogoutRedirectUris?: InputMaybe<Array<Scalars['URL']['input']>>;
  /** Its redirect URIs (https; http only for localhost), at most 20. */
  redirectUris: Array<Scalars['URL']['input']>;
};

/** Whether customers have accounts. */
export type CustomerAccountsMode =
  /** Storefront sign-in and registration are off. */
  | 'DISABLED'
  /** Customers may buy as guests or with an account. */
  | 'OPTIONAL'
  /** Buying needs an account. */
  | 'REQUIRED';

/** Input for `customerActivate`. */
export type CustomerActivateInput = {
  /** The token from the invitation mail. */
  activationToken: Scalars['String']['input'];
  /** The password to set. */
  password: Scalars['String']['input'];
};

/** Input for `customerCreate`. */
export type CustomerCreateInput = {
  /** Whether the customer agrees to receive marketing email. */
  acceptsMarketing?: InputMaybe<Scalars['Boolean']['input']>;
  /** The email address; unique among accounts, compared without regard to case. */
  email: Scalars['String']['input'];
  /** The given name. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** The family name. */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** The password: 8 to 256 characters, no space at either end, not a common password. */
  password: Scalars['String']['input'];
  /** A unique phone number in E.164 form. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** A friend's loyalty referral code (our extension): both earn once this customer's first order is paid. */
  referralCode?: InputMaybe<Scalars['String']['input']>;
};

/** How the owner confirms an erasure: one of the two. */
export type CustomerDeleteConfirmationInput = {
  /** The 6-digit code from the confirmation mail. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** The account's password. */
  password?: InputMaybe<Scalars['String']['input']>;
};

/** The kinds of `CustomerUserError`, as on Shopify. */
export type CustomerErrorCode =
  /** The account is already active. */
  | 'ALREADY_ENABLED'
  /** The email's domain cannot receive mail. */
  | 'BAD_DOMAIN'
  /** A required value is empty. */
  | 'BLANK'
  /** The value contains HTML tags. */
  | 'CONTAINS_HTML_TAGS'
  /** The value contains a URL. */
  | 'CONTAINS_URL'
  /** The account is disabled. */
  | 'CUSTOMER_DISABLED'
  /** The value is not valid. */
  | 'INVALID'
  /** The Multipass token is not valid. */
  | 'INVALID_MULTIPASS_REQUEST'
  /** The referenced object does not exist for this customer. */
  | 'NOT_FOUND'
  /** The password starts or ends with white space. */
  | 'PASSWORD_STARTS_OR_ENDS_WITH_WHITESPACE'
  /** The value is already used by another account. */
  | 'TAKEN'
  /** The token is not valid, expired or already used. */
  | 'TOKEN_INVALID'
  /** The value is too long. */
  | 'TOO_LONG'
  /** The value is too short. */
  | 'TOO_SHORT'
  /** The email and password do not match an account. */
  | 'UNIDENTIFIED_CUSTOMER';

/** Input for `customerPreferencesUpdate`. */
export type CustomerPreferencesInput = {
  /** The birthday as YYYY-MM-DD; null removes it. */
  birthday?: InputMaybe<Scalars['String']['input']>;
  /** Colours (at most 20), from `preferenceVocabulary.colors`. */
  colors?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The currency the customer prefers; null removes it. */
  currencyCode?: InputMaybe<CurrencyCode>;
  /** Interests (at most 20), from `preferenceVocabulary.interests`. */
  interests?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The language the customer prefers; null removes it. */
  language?: InputMaybe<LanguageCode>;
  /** Occasions (at most 20), from `preferenceVocabulary.occasions`. */
  occasions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Whether recommendations may draw on the customer's orders and wishlists. */
  personalization?: InputMaybe<Scalars['Boolean']['input']>;
  /** Sizes (at most 20), from `preferenceVocabulary.sizes`, compared without regard to case. */
  sizes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Input for `customerPrivacyUpdate`. */
export type CustomerPrivacyInput = {
  /** Whether the shop may share the customer's data with its partners. */
  dataSharing?: InputMaybe<Scalars['Boolean']['input']>;
  /** Whether recommendations may draw on the customer's orders and wishlists. */
  personalization?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Input for `customerReset`. */
export type CustomerResetInput = {
  /** The new password. */
  password: Scalars['String']['input'];
  /** The token from the recovery mail. */
  resetToken: Scalars['String']['input'];
};

/** The state of a customer account. */
export type CustomerState =
  /** The shop disabled the account; the customer cannot sign in. */
  | 'DISABLED'
  /** The customer can sign in. */
  | 'ENABLED'
  /** The customer was invited and has not activated the account yet. */
  | 'INVITED';

/** Input for `customerUpdate`. Only the fields given change; `phone: null` removes the phone. */
export type CustomerUpdateInput = {
  /** Whether the customer agrees to receive marketing email. */
  acceptsMarketing?: InputMaybe<Scalars['Boolean']['input']>;
  /** The birthday as YYYY-MM-DD (our extension; null removes it). The loyalty programme may reward it once a year. */
  birthday?: InputMaybe<Scalars['String']['input']>;
  /** A new email address. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The given name. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** The family name. */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** A new password. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** A unique phone number in E.164 form, or null to remove it. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** How a discount is spread over its targets. */
export type DiscountApplicationAllocationMethod =
  /** Spread across all targets. */
  | 'ACROSS'
  /** Applied to each target. */
  | 'EACH'
  /** Applied to one target. */
  | 'ONE';

/** Which targets a discount applies to. */
export type DiscountApplicationTargetSelection =
  /** Every target. */
  | 'ALL'
  /** The targets the discount is meant for. */
  | 'ENTITLED'
  /** Targets named explicitly. */
  | 'EXPLICIT';

/** What a discount applies to. */
export type DiscountApplicationTargetType =
  /** Order lines. */
  | 'LINE_ITEM'
  /** Shipping. */
  | 'SHIPPING_LINE';

/** The steps of a shipment's journey. */
export type FulfillmentEventStatus =
  /** Delivery was attempted. */
  | 'ATTEMPTED_DELIVERY'
  /** Picked up by the carrier. */
  | 'CARRIER_PICKED_UP'
  /** The carrier confirmed the shipment. */
  | 'CONFIRMED'
  /** Delayed. */
  | 'DELAYED'
  /** Delivered. */
  | 'DELIVERED'
  /** Delivery failed. */
  | 'FAILURE'
  /** On its way. */
  | 'IN_TRANSIT'
  /** A label was printed. */
  | 'LABEL_PRINTED'
  /** A label was bought. */
  | 'LABEL_PURCHASED'
  /** Out for delivery. */
  | 'OUT_FOR_DELIVERY'
  /** Picked up by the customer. */
  | 'PICKED_UP'
  /** Ready to be picked up. */
  | 'READY_FOR_PICKUP';

/** An image format to convert to. */
export type ImageContentType =
  /** JPEG. */
  | 'JPG'
  /** PNG. */
  | 'PNG'
  /** WebP. */
  | 'WEBP';

/** How to resize, crop and convert an image (Shopify's `ImageTransformInput`). */
export type ImageTransformInput = {
  /** The region kept when cropping; use with `maxWidth` and/or `maxHeight`. */
  crop?: InputMaybe<CropRegion>;
  /** Image height in pixels between 1 and 5760. */
  maxHeight?: InputMaybe<Scalars['Int']['input']>;
  /** Image width in pixels between 1 and 5760. */
  maxWidth?: InputMaybe<Scalars['Int']['input']>;
  /** The format to convert to. */
  preferredContentType?: InputMaybe<ImageContentType>;
  /** Size multiplier for high-resolution displays, between 1 and 3. */
  scale?: InputMaybe<Scalars['Int']['input']>;
};

/** An ISO 639-1 language code, with regional variants. */
export type LanguageCode =
  | 'AF'
  | 'AK'
  | 'AM'
  | 'AR'
  | 'AS'
  | 'AZ'
  | 'BE'
  | 'BG'
  | 'BM'
  | 'BN'
  | 'BO'
  | 'BR'
  | 'BS'
  | 'CA'
  | 'CE'
  | 'CKB'
  | 'CS'
  | 'CU'
  | 'CY'
  | 'DA'
  | 'DE'
  | 'DZ'
  | 'EE'
  | 'EL'
  | 'EN'
  | 'EO'
  | 'ES'
  | 'ET'
  | 'EU'
  | 'FA'
  | 'FF'
  | 'FI'
  | 'FIL'
  | 'FO'
  | 'FR'
  | 'FY'
  | 'GA'
  | 'GD'
  | 'GL'
  | 'GU'
  | 'GV'
  | 'HA'
  | 'HE'
  | 'HI'
  | 'HR'
  | 'HU'
  | 'HY'
  | 'IA'
  | 'ID'
  | 'IG'
  | 'II'
  | 'IS'
  | 'IT'
  | 'JA'
  | 'JV'
  | 'KA'
  | 'KI'
  | 'KK'
  | 'KL'
  | 'KM'
  | 'KN'
  | 'KO'
  | 'KS'
  | 'KU'
  | 'KW'
  | 'KY'
  | 'LA'
  | 'LB'
  | 'LG'
  | 'LN'
  | 'LO'
  | 'LT'
  | 'LU'
  | 'LV'
  | 'MG'
  | 'MI'
  | 'MK'
  | 'ML'
  | 'MN'
  | 'MO'
  | 'MR'
  | 'MS'
  | 'MT'
  | 'MY'
  | 'NB'
  | 'ND'
  | 'NE'
  | 'NL'
  | 'NN'
  | 'NO'
  | 'OM'
  | 'OR'
  | 'OS'
  | 'PA'
  | 'PL'
  | 'PS'
  | 'PT'
  | 'PT_BR'
  | 'PT_PT'
  | 'QU'
  | 'RM'
  | 'RN'
  | 'RO'
  | 'RU'
  | 'RW'
  | 'SA'
  | 'SC'
  | 'SD'
  | 'SE'
  | 'SG'
  | 'SH'
  | 'SI'
  | 'SK'
  | 'SL'
  | 'SN'
  | 'SO'
  | 'SQ'
  | 'SR'
  | 'SU'
  | 'SV'
  | 'SW'
  | 'TA'
  | 'TE'
  | 'TG'
  | 'TH'
  | 'TI'
  | 'TK'
  | 'TO'
  | 'TR'
  | 'TT'
  | 'UG'
  | 'UK'
  | 'UR'
  | 'UZ'
  | 'VI'
  | 'VO'
  | 'WO'
  | 'XH'
  | 'YI'
  | 'YO'
  | 'ZH'
  | 'ZH_CN'
  | 'ZH_TW'
  | 'ZU';

/** Actions a customer records with `loyaltyActionRecord`. */
export type LoyaltyCustomerAction =
  /** A product review. */
  | 'REVIEW'
  /** A social media share. */
  | 'SOCIAL_SHARE';

/** Actions that earn points. */
export type LoyaltyEarnAction =
  /** Registering an account. */
  | 'ACCOUNT_CREATION'
  /** The customer's birthday, once a year. */
  | 'BIRTHDAY'
  /** The first paid order. */
  | 'FIRST_ORDER'
  /** Agreeing to marketing email, once. */
  | 'NEWSLETTER_OPT_IN'
  /** A paid order: points per currency unit, not a fixed-point rule. */
  | 'PURCHASE'
  /** A referred friend's first paid order, for the referrer. */
  | 'REFERRAL'
  /** Registering with a friend's referral code, once the first order is paid, for the new customer. */
  | 'REFERRED'
  /** A product review (`loyaltyActionRecord`). */
  | 'REVIEW'
  /** A social media share (`loyaltyActionRecord`). */
  | 'SOCIAL_SHARE';

/** A fixed-point rule. */
export type LoyaltyEarnRuleInput = {
  /** The action. */
  action: LoyaltyEarnAction;
  /** How many times a day it earns (absent or 0: no cap). */
  dailyCap?: InputMaybe<Scalars['Int']['input']>;
  /** Points (0 to 100000). */
  points: Scalars['Int']['input'];
};

/** The kinds of `LoyaltyUserError`. */
export type LoyaltyErrorCode =
  /** This reference has already earned points. */
  | 'ALREADY_RECORDED'
  /** Today's cap for the action is reached. */
  | 'DAILY_CAP_REACHED'
  /** The balance does not cover the reward. */
  | 'INSUFFICIENT_POINTS'
  /** The value is not valid. */
  | 'INVALID'
  /** The reward's limit per customer is reached. */
  | 'LIMIT_REACHED'
  /** The action earns no points in this programme. */
  | 'NOT_EARNING'
  /** The referenced object does not exist. */
  | 'NOT_FOUND'
  /** The shop runs no loyalty programme. */
  | 'PROGRAM_DISABLED'
  /** The code belongs to someone the customer referred (directly or through others). */
  | 'REFERRAL_LOOP'
  /** The customer was already referred, or has already ordered. */
  | 'REFERRAL_NOT_ALLOWED'
  /** The code is the customer's own. */
  | 'SELF_REFERRAL'
  /** The access token is unknown or expired. */
  | 'TOKEN_INVALID';

/** Changes to the loyalty programme. */
export type LoyaltyProgramInput = {
  /** The currency of fixed-amount rewards. */
  currencyCode?: InputMaybe<CurrencyCode>;
  /** The fixed-point rules (replace all). */
  earnRules?: InputMaybe<Array<LoyaltyEarnRuleInput>>;
  /** Whether the programme runs. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** The membership plans by handle (at most 20). */
  membershipPlans?: InputMaybe<Array<MembershipPlanInput>>;
  /** The name (1 to 100 characters). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Months without activity after which the balance expires (0: never). */
  pointsExpireAfterInactiveMonths?: InputMaybe<Scalars['Int']['input']>;
  /** Months after which earned points expire (0: never). */
  pointsExpireAfterMonths?: InputMaybe<Scalars['Int']['input']>;
  /** Points per whole currency unit of paid orders (0 to 1000). */
  pointsPerCurrencyUnit?: InputMaybe<Scalars['Int']['input']>;
  /** Days a reward's discount code is valid (1 to 3650). */
  rewardCodeValidDays?: InputMaybe<Scalars['Int']['input']>;
  /** The rewards by handle (at most 100). */
  rewards?: InputMaybe<Array<LoyaltyRewardInput>>;
  /** What tier thresholds measure. */
  tierBasis?: InputMaybe<LoyaltyTierBasis>;
  /** The tiers (replace all; at most 20, thresholds rising). */
  tiers?: InputMaybe<Array<LoyaltyTierInput>>;
};

/** A reward. */
export type LoyaltyRewardInput = {
  /** The amount off in the programme's currency (FIXED_AMOUNT). */
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  /** A description (at most 500 characters). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** A stable name: letters, digits and dashes (at most 100). */
  handle: Scalars['String']['input'];
  /** What it gives. */
  kind: LoyaltyRewardKind;
  /** Redemptions allowed per customer (absent or 0: no limit). */
  limitPerCustomer?: InputMaybe<Scalars['Int']['input']>;
  /** The name (1 to 100 characters). */
  name: Scalars['String']['input'];
  /** The percentage off (PERCENTAGE, 1 to 100). */
  percentage?: InputMaybe<Scalars['Int']['input']>;
  /** Its cost in points (at least 1). */
  pointsCost: Scalars['Int']['input'];
  /** The free product's variant (FREE_PRODUCT). */
  variantId?: InputMaybe<Scalars['ID']['input']>;
};

/** What a reward gives. */
export type LoyaltyRewardKind =
  /** An amount off an order. */
  | 'FIXED_AMOUNT'
  /** A free product. */
  | 'FREE_PRODUCT'
  /** Free shipping. */
  | 'FREE_SHIPPING'
  /** A percentage off an order. */
  | 'PERCENTAGE';

/** What tier thresholds measure. */
export type LoyaltyTierBasis =
  /** Points earned since joining (net of reversals). */
  | 'LIFETIME_POINTS'
  /** Whole currency units spent on paid orders since joining. */
  | 'LIFETIME_SPEND'
  /** Points earned in the last 12 months. */
  | 'ROLLING_12_MONTH_POINTS'
  /** Whole currency units spent on paid orders in the last 12 months. */
  | 'ROLLING_12_MONTH_SPEND';

/** A tier. */
export type LoyaltyTierInput = {
  /** Benefits (at most 20, each at most 200 characters). */
  benefits?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The purchase points multiplier (1 to 10, two decimals). */
  multiplier?: InputMaybe<Scalars['Float']['input']>;
  /** The name (1 to 100 characters). */
  name: Scalars['String']['input'];
  /** Where it starts (points or whole currency units). */
  threshold: Scalars['Int']['input'];
};

/** What a ledger entry did. */
export type LoyaltyTransactionKind =
  /** Points added or removed by staff. */
  | 'ADJUST'
  /** Points earned. */
  | 'EARN'
  /** Points that lapsed. */
  | 'EXPIRE'
  /** Points spent on a reward. */
  | 'REDEEM'
  /** Points taken back after a refund or cancellation. */
  | 'REVERSE';

/** What caused a ledger entry. */
export type LoyaltyTransactionSource =
  /** An action of the customer's. */
  | 'ACTION'
  /** Staff. */
  | 'ADMIN'
  /** The expiry policy. */
  | 'EXPIRY'
  /** An order. */
  | 'ORDER'
  /** A referral. */
  | 'REFERRAL'
  /** A reward. */
  | 'REWARD';

/** Input for an address. */
export type MailingAddressInput = {
  /** The street address or PO box. */
  address1?: InputMaybe<Scalars['String']['input']>;
  /** The apartment, suite or unit. */
  address2?: InputMaybe<Scalars['String']['input']>;
  /** The city, town or village. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** The company or organisation. */
  company?: InputMaybe<Scalars['String']['input']>;
  /** The country: a name such as `Canada` or a code such as `CA`. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** The recipient's given name. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** The recipient's family name. */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** The phone number: international (`+44 20 7946 0958`) or national in the address's country (`(613) 555-0123` in Canada); answered in E.164. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** The province, state or region: a name or a code. */
  province?: InputMaybe<Scalars['String']['input']>;
  /** The postal or ZIP code. */
  zip?: InputMaybe<Scalars['String']['input']>;
};

/** The unit of a membership period. */
export type MembershipInterval =
  /** Months. */
  | 'MONTH'
  /** Years. */
  | 'YEAR';

/** A membership plan. */
export type MembershipPlanInput = {
  /** Benefits (at most 20, each at most 200 characters). */
  benefits?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The price's currency. */
  currencyCode: CurrencyCode;
  /** A stable name: letters, digits and dashes (at most 100). */
  handle: Scalars['String']['input'];
  /** The unit of a period. */
  interval: MembershipInterval;
  /** How many units a period lasts (1 to 36). */
  intervalCount?: InputMaybe<Scalars['Int']['input']>;
  /** The name (1 to 100 characters). */
  name: Scalars['String']['input'];
  /** The price of a period. */
  price: Scalars['Decimal']['input'];
};

/** Where a membership stands. */
export type MembershipStatus =
  /** Paid up and renewing. */
  | 'ACTIVE'
  /** Cancelled: benefits run to the end of the paid period. */
  | 'CANCELLED'
  /** Over. */
  | 'EXPIRED';

/** Why an order was cancelled. */
export type OrderCancelReason =
  /** The customer asked. */
  | 'CUSTOMER'
  /** Payment was declined. */
  | 'DECLINED'
  /** Suspected fraud. */
  | 'FRAUD'
  /** Out of stock. */
  | 'INVENTORY'
  /** Another reason. */
  | 'OTHER'
  /** A staff mistake. */
  | 'STAFF';

/** The payment states of an order. */
export type OrderFinancialStatus =
  /** Payment was authorised. */
  | 'AUTHORIZED'
  /** Paid. */
  | 'PAID'
  /** Partly paid. */
  | 'PARTIALLY_PAID'
  /** Partly refunded. */
  | 'PARTIALLY_REFUNDED'
  /** Payment pending. */
  | 'PENDING'
  /** Refunded. */
  | 'REFUNDED'
  /** Payment voided. */
  | 'VOIDED';

/** The shipping states of an order. */
export type OrderFulfillmentStatus =
  /** Every line shipped. */
  | 'FULFILLED'
  /** Being prepared. */
  | 'IN_PROGRESS'
  /** On hold. */
  | 'ON_HOLD'
  /** Open. */
  | 'OPEN'
  /** Some lines shipped. */
  | 'PARTIALLY_FULFILLED'
  /** Waiting to be prepared. */
  | 'PENDING_FULFILLMENT'
  /** Returned to stock. */
  | 'RESTOCKED'
  /** Scheduled. */
  | 'SCHEDULED'
  /** Nothing shipped yet. */
  | 'UNFULFILLED';

/** The orders of `Customer.orders`. */
export type OrderSortKeys =
  /** By ID (order of ingestion). */
  | 'ID'
  /** By the time the order was placed. */
  | 'PROCESSED_AT'
  /** By relevance to `query`; by ID here. */
  | 'RELEVANCE'
  /** By total price. */
  | 'TOTAL_PRICE';

/** Input for `adminPreferenceVocabularyUpdate`: each list at most 200 values of at most 50 characters, unique regardless of case. */
export type PreferenceVocabularyInput = {
  /** Colours. */
  colors?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Interests. */
  interests?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Occasions. */
  occasions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Sizes. */
  sizes?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The orders of a collection's products. */
export type ProductCollectionSortKeys =
  /** Not supported: no sales are kept. */
  | 'BEST_SELLING'
  /** The collection's own order. */
  | 'COLLECTION_DEFAULT'
  /** When the product was first synced. */
  | 'CREATED'
  /** The product's ID. */
  | 'ID'
  /** The collection's own order. */
  | 'MANUAL'
  /** Not supported: products have no single price. */
  | 'PRICE'
  /** The collection's own order. */
  | 'RELEVANCE'
  /** The title. */
  | 'TITLE';

/** The orders of the products list. */
export type ProductSortKeys =
  /** Not supported: no sales are kept. */
  | 'BEST_SELLING'
  /** When the product was first synced. */
  | 'CREATED_AT'
  /** The product's ID. */
  | 'ID'
  /** Not supported: products have no single price. */
  | 'PRICE'
  /** The product type. */
  | 'PRODUCT_TYPE'
  /** The catalogue's order (ID). */
  | 'RELEVANCE'
  /** The title. */
  | 'TITLE'
  /** When the product last changed. */
  | 'UPDATED_AT'
  /** The vendor. */
  | 'VENDOR';

/** The orders of `Product.variants`. */
export type ProductVariantSortKeys =
  /** By ID. */
  | 'ID'
  /** By position in the product. */
  | 'POSITION'
  /** By relevance (position here). */
  | 'RELEVANCE'
  /** By SKU. */
  | 'SKU'
  /** By title. */
  | 'TITLE';

/** Why a variant is recommended. */
export type RecommendationReason =
  /** Customers often buy it with something this customer bought. */
  | 'BOUGHT_TOGETHER'
  /** It is on one of the customer's wishlists. */
  | 'FROM_WISHLIST'
  /** It matches the customer's stated sizes, colours or interests. */
  | 'MATCHES_PREFERENCES'
  /** It sells well. */
  | 'POPULAR';

/** Who may register. */
export type RegistrationMode =
  /** Invited (or imported) customers only. */
  | 'INVITE_ONLY'
  /** Anyone. */
  | 'OPEN';

/** A line of an order to return. */
export type RequestedLineItemInput = {
  /** A note for staff, at most 300 characters, no HTML. */
  customerNote?: InputMaybe<Scalars['String']['input']>;
  /** The line's ID (`OrderLineItem.id`, the Customer Account API's `LineItem.id`). */
  lineItemId: Scalars['ID']['input'];
  /** How many units (at most the line's `returnableQuantity`). */
  quantity: Scalars['Int']['input'];
  /** Why; UNKNOWN when absent. */
  returnReason?: InputMaybe<ReturnReason>;
};

/** Why staff declined a return. */
export type ReturnDeclineReason =
  /** The items were a final sale. */
  | 'FINAL_SALE'
  /** Another reason (see the note). */
  | 'OTHER'
  /** The return period ended. */
  | 'RETURN_PERIOD_ENDED';

/** Codes of return errors (Shopify's ReturnErrorCode). */
export type ReturnErrorCode =
  /** A unit or line is already in a return, or named twice. */
  | 'ALREADY_EXISTS'
  /** Nothing was named. */
  | 'BLANK'
  /** The return could not be made. */
  | 'CREATION_FAILED'
  /** The input value should be equal to the value allowed. */
  | 'EQUAL_TO'
  /** The shop takes no return requests online. */
  | 'FEATURE_NOT_ENABLED'
  /** The value must be greater. */
  | 'GREATER_THAN'
  /** The value must be greater than or equal to the minimum. */
  | 'GREATER_THAN_OR_EQUAL_TO'
  /** The value is not in the list. */
  | 'INCLUSION'
  /** An internal error. */
  | 'INTERNAL_ERROR'
  /** The value is not valid. */
  | 'INVALID'
  /** The order, line or return is not in a state that allows this (not shipped, past the window, already answered). */
  | 'INVALID_STATE'
  /** The value must be less. */
  | 'LESS_THAN'
  /** The value must be at most the maximum (the units still returnable). */
  | 'LESS_THAN_OR_EQUAL_TO'
  /** A notification could not be sent. */
  | 'NOTIFICATION_FAILED'
  /** Not allowed. */
  | 'NOT_AUTHORIZED'
  /** Not a number. */
  | 'NOT_A_NUMBER'
  /** Cannot be changed. */
  | 'NOT_EDITABLE'
  /** Does not exist (or is not the customer's). */
  | 'NOT_FOUND'
  /** Must be blank. */
  | 'PRESENT'
  /** Already taken. */
  | 'TAKEN'
  /** Too big. */
  | 'TOO_BIG'
  /** Too long. */
  | 'TOO_LONG'
  /** Too many lines. */
  | 'TOO_MANY_ARGUMENTS'
  /** Too short. */
  | 'TOO_SHORT'
  /** Wrong length. */
  | 'WRONG_LENGTH';

/** Why a unit goes back (Shopify's ReturnReason). */
export type ReturnReason =
  /** The color of the item didn't meet expectations. */
  | 'COLOR'
  /** The item was damaged or defective. */
  | 'DEFECTIVE'
  /** The item was not as described. */
  | 'NOT_AS_DESCRIBED'
  /** Other reason not listed. */
  | 'OTHER'
  /** The size of the item was too large. */
  | 'SIZE_TOO_LARGE'
  /** The size of the item was too small. */
  | 'SIZE_TOO_SMALL'
  /** The customer didn't like the design of the item. */
  | 'STYLE'
  /** Unknown reason. */
  | 'UNKNOWN'
  /** The customer changed their mind about the item. */
  | 'UNWANTED'
  /** The customer received the wrong item. */
  | 'WRONG_ITEM';

/** The status of a return. */
export type ReturnStatus =
  /** Cancelled. */
  | 'CANCELED'
  /** Refunded and done. */
  | 'CLOSED'
  /** Staff declined the request (see `decline`). */
  | 'DECLINED'
  /** Approved: the customer sends the units back. */
  | 'OPEN'
  /** The customer asked; staff have not answered yet. */
  | 'REQUESTED';

/** Kinds of `SavedCartWarning`. */
export type SavedCartWarningCode =
  /** The item is no longer in the catalogue and was left out. */
  | 'NO_LONGER_SOLD'
  /** The price is not what it was. */
  | 'PRICE_CHANGED'
  /** The variant cannot be bought now (it is in the cart all the same). */
  | 'UNAVAILABLE';

/** An option of a variant. */
export type SelectedOptionInput = {
  /** The option's name. */
  name: Scalars['String']['input'];
  /** The option's value. */
  value: Scalars['String']['input'];
};

/** Changes to the support contact. */
export type SupportContactInput = {
  /** An http(s) URL. */
  chatUrl?: InputMaybe<Scalars['String']['input']>;
  /** An email address (at most 254 characters). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** An http(s) URL. */
  faqUrl?: InputMaybe<Scalars['String']['input']>;
  /** Opening hours (at most 200 characters, no HTML). */
  hours?: InputMaybe<Scalars['String']['input']>;
  /** A phone number (at most 30 characters: digits, spaces, +, -, (, )). */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** Who wrote a support message. */
export type SupportMessageAuthor =
  /** The customer. */
  | 'CUSTOMER'
  /** The shop's staff. */
  | 'STAFF';

/** Where a ticket stands. */
export type SupportTicketStatus =
  /** Staff answered; waiting for the customer. */
  | 'AWAITING_CUSTOMER'
  /** Done for good. */
  | 'CLOSED'
  /** Waiting for staff. */
  | 'OPEN'
  /** Staff consider it done; a customer reply reopens it. */
  | 'RESOLVED';

/** The kinds of `TwoFactorUserError`. */
export type TwoFactorErrorCode =
  /** Two-factor sign-in is on already. */
  | 'ALREADY_ENABLED'
  /** The shop requires two-factor sign-in: it cannot be turned off. */
  | 'NOT_ALLOWED'
  /** Two-factor sign-in is off. */
  | 'NOT_ENABLED'
  /** `customerTwoFactorSetup` must come first. */
  | 'SETUP_REQUIRED'
  /** The access token is unknown or expired. */
  | 'TOKEN_INVALID'
  /** The code is wrong, too old, or was used already. */
  | 'TWO_FACTOR_INVALID'
  /** The account has two-factor sign-in on: a code is needed. */
  | 'TWO_FACTOR_REQUIRED';

/** The two-factor sign-in policy. */
export type TwoFactorPolicy =
  /** Customers choose. */
  | 'OPTIONAL'
  /** Every customer must use it. */
  | 'REQUIRED';

/** The visitor's consent choices, given in `@inContext`. */
export type VisitorConsent = {
  /** Consent to analytics. */
  analytics?: InputMaybe<Scalars['Boolean']['input']>;
  /** Consent to marketing. */
  marketing?: InputMaybe<Scalars['Boolean']['input']>;
  /** Consent to storing preferences. */
  preferences?: InputMaybe<Scalars['Boolean']['input']>;
  /** Consent to the sale or sharing of data. */
  saleOfData?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A variant to add to a wishlist. */
export type WishlistLineInput = {
  /** The variant's global ID. */
  merchandiseId: Scalars['ID']['input'];
  /** A note (at most 500 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** How many are wanted (1 to 999). */
  quantity?: InputMaybe<Scalars['Int']['input']>;
};

/** A change to a wishlist line. */
export type WishlistLineUpdateInput = {
  /** The line's global ID. */
  id: Scalars['ID']['input'];
  /** A note (at most 500 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  /** How many are wanted (1 to 999). */
  quantity?: InputMaybe<Scalars['Int']['input']>;
};

export type SignInMutationVariables = Exact<{
  input: CustomerAccessTokenCreateInput;
}>;


export type SignInMutation = { __typename?: 'Mutation', customerAccessTokenCreate?: { __typename?: 'CustomerAccessTokenCreatePayload', customerAccessToken?: { __typename?: 'CustomerAccessToken', accessToken: string, expiresAt: string } | null, customerUserErrors: Array<{ __typename?: 'CustomerUserError', code?: CustomerErrorCode | null, field?: Array<string> | null, message: string }> } | null };

export type AccountQueryVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type AccountQuery = { __typename?: 'Query', customer?: { __typename?: 'Customer', id: string, displayName: string, email?: string | null, numberOfOrders: string, orders: { __typename?: 'OrderConnection', nodes: Array<{ __typename?: 'Order', id: string, name: string, processedAt: string, totalPrice: { __typename?: 'MoneyV2', amount: string, currencyCode: CurrencyCode } }> } } | null };


export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerAccessTokenCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerAccessTokenCreate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerAccessToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customerUserErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const AccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Account"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerAccessToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"numberOfOrders"}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"processedAt"}},{"kind":"Field","name":{"kind":"Name","value":"totalPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currencyCode"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountQuery, AccountQueryVariables>;