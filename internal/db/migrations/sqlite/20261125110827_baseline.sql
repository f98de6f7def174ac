-- Create "admin_api_keys" table
CREATE TABLE `admin_api_keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `key_hash` blob NOT NULL, `scopes` json NOT NULL, `revoked_at` datetime NULL);
-- Create index "admin_api_keys_key_hash_key" to table: "admin_api_keys"
CREATE UNIQUE INDEX `admin_api_keys_key_hash_key` ON `admin_api_keys` (`key_hash`);
-- Create "carts" table
CREATE TABLE `carts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `key` text NOT NULL, `customer_id` integer NULL, `status` text NOT NULL DEFAULT ('OPEN'), `note` text NULL, `buyer_email` text NULL, `buyer_phone` text NULL, `country_code` text NULL, `attributes` json NULL, `discount_codes` json NULL);
-- Create index "cart_customer_id_status" to table: "carts"
CREATE INDEX `cart_customer_id_status` ON `carts` (`customer_id`, `status`);
-- Create "cart_lines" table
CREATE TABLE `cart_lines` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `quantity` integer NOT NULL, `attributes` json NULL, `cart_id` integer NOT NULL, `variant_id` integer NOT NULL, CONSTRAINT `cart_lines_carts_lines` FOREIGN KEY (`cart_id`) REFERENCES `carts` (`id`) ON DELETE CASCADE, CONSTRAINT `cart_lines_product_variants_variant` FOREIGN KEY (`variant_id`) REFERENCES `product_variants` (`id`) ON DELETE NO ACTION);
-- Create index "cartline_cart_id_variant_id" to table: "cart_lines"
CREATE UNIQUE INDEX `cartline_cart_id_variant_id` ON `cart_lines` (`cart_id`, `variant_id`);
-- Create "co_purchases" table
CREATE TABLE `co_purchases` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `variant_id` integer NOT NULL, `other_variant_id` integer NOT NULL, `orders` integer NOT NULL DEFAULT (0));
-- Create index "copurchase_variant_id_other_variant_id" to table: "co_purchases"
CREATE UNIQUE INDEX `copurchase_variant_id_other_variant_id` ON `co_purchases` (`variant_id`, `other_variant_id`);
-- Create index "copurchase_variant_id_orders" to table: "co_purchases"
CREATE INDEX `copurchase_variant_id_orders` ON `co_purchases` (`variant_id`, `orders`);
-- Create "communication_preferences" table
CREATE TABLE `communication_preferences` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `topic` text NOT NULL, `channel` text NOT NULL, `frequency` text NOT NULL, `customer_id` integer NOT NULL, CONSTRAINT `communication_preferences_customers_communication_preferences` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "communicationpreference_customer_id_topic_channel" to table: "communication_preferences"
CREATE UNIQUE INDEX `communicationpreference_customer_id_topic_channel` ON `communication_preferences` (`customer_id`, `topic`, `channel`);
-- Create "consent_events" table
CREATE TABLE `consent_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `customer_id` integer NOT NULL, `topic` text NOT NULL, `communication_topic` text NULL, `channel` text NULL, `frequency` text NULL, `granted` bool NOT NULL, `source` text NOT NULL, `created_at` datetime NOT NULL);
-- Create index "consentevent_customer_id_created_at" to table: "consent_events"
CREATE INDEX `consentevent_customer_id_created_at` ON `consent_events` (`customer_id`, `created_at`);
-- Create "customers" table
CREATE TABLE `customers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NOT NULL, `email_key` text NOT NULL, `first_name` text NULL, `last_name` text NULL, `phone` text NULL, `accepts_marketing` bool NOT NULL DEFAULT (false), `accepts_marketing_updated_at` datetime NULL, `tags` json NOT NULL, `note` text NULL, `state` text NOT NULL DEFAULT ('ENABLED'), `password_hash` text NULL, `email_verified` bool NOT NULL DEFAULT (false), `pending_email` text NULL, `birthday` text NULL, `birth_md` integer NULL, `language` text NULL, `currency_code` text NULL, `sizes` json NOT NULL, `colors` json NOT NULL, `interests` json NOT NULL, `occasions` json NOT NULL, `personalization` bool NOT NULL DEFAULT (true), `data_sharing` bool NOT NULL DEFAULT (false), `totp_secret` text NULL, `totp_pending_secret` text NULL, `totp_last_step` integer NOT NULL DEFAULT (0), `default_address_id` integer NULL, CONSTRAINT `customers_mailing_addresses_default_address` FOREIGN KEY (`default_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL);
-- Create index "customers_email_key_key" to table: "customers"
CREATE UNIQUE INDEX `customers_email_key_key` ON `customers` (`email_key`);
-- Create index "customers_phone_key" to table: "customers"
CREATE UNIQUE INDEX `customers_phone_key` ON `customers` (`phone`);
-- Create index "customer_created_at" to table: "customers"
CREATE INDEX `customer_created_at` ON `customers` (`created_at`);
-- Create index "customer_birth_md" to table: "customers"
CREATE INDEX `customer_birth_md` ON `customers` (`birth_md`);
-- Create "customer_access_tokens" table
CREATE TABLE `customer_access_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `token_hash` blob NOT NULL, `expires_at` datetime NOT NULL, `last_used_at` datetime NULL, `ip` text NULL, `user_agent` text NULL, `country` text NULL, `customer_id` integer NOT NULL, CONSTRAINT `customer_access_tokens_customers_access_tokens` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "customer_access_tokens_token_hash_key" to table: "customer_access_tokens"
CREATE UNIQUE INDEX `customer_access_tokens_token_hash_key` ON `customer_access_tokens` (`token_hash`);
-- Create index "customeraccesstoken_customer_id" to table: "customer_access_tokens"
CREATE INDEX `customeraccesstoken_customer_id` ON `customer_access_tokens` (`customer_id`);
-- Create index "customeraccesstoken_expires_at" to table: "customer_access_tokens"
CREATE INDEX `customeraccesstoken_expires_at` ON `customer_access_tokens` (`expires_at`);
-- Create "customer_tokens" table
CREATE TABLE `customer_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `purpose` text NOT NULL, `email` text NULL, `token_hash` blob NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `customer_id` integer NOT NULL, CONSTRAINT `customer_tokens_customers_one_time_tokens` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "customer_tokens_token_hash_key" to table: "customer_tokens"
CREATE UNIQUE INDEX `customer_tokens_token_hash_key` ON `customer_tokens` (`token_hash`);
-- Create index "customertoken_customer_id_purpose" to table: "customer_tokens"
CREATE INDEX `customertoken_customer_id_purpose` ON `customer_tokens` (`customer_id`, `purpose`);
-- Create "fulfillments" table
CREATE TABLE `fulfillments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `external_id` text NULL, `status` text NOT NULL DEFAULT ('SUCCESS'), `tracking_company` text NULL, `tracking_info` json NULL, `lines` json NULL, `order_id` integer NOT NULL, CONSTRAINT `fulfillments_orders_fulfillments` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE CASCADE);
-- Create index "fulfillments_external_id_key" to table: "fulfillments"
CREATE UNIQUE INDEX `fulfillments_external_id_key` ON `fulfillments` (`external_id`);
-- Create index "fulfillment_order_id" to table: "fulfillments"
CREATE INDEX `fulfillment_order_id` ON `fulfillments` (`order_id`);
-- Create "fulfillment_events" table
CREATE TABLE `fulfillment_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `status` text NOT NULL, `happened_at` datetime NOT NULL, `message` text NOT NULL DEFAULT (''), `city` text NULL, `province` text NULL, `country_code` text NULL, `zip` text NULL, `fulfillment_id` integer NOT NULL, CONSTRAINT `fulfillment_events_fulfillments_events` FOREIGN KEY (`fulfillment_id`) REFERENCES `fulfillments` (`id`) ON DELETE CASCADE);
-- Create index "fulfillmentevent_fulfillment_id_happened_at" to table: "fulfillment_events"
CREATE INDEX `fulfillmentevent_fulfillment_id_happened_at` ON `fulfillment_events` (`fulfillment_id`, `happened_at`);
-- Create "login_codes" table
CREATE TABLE `login_codes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `email_key` text NOT NULL, `purpose` text NOT NULL DEFAULT ('SIGN_IN'), `salt` blob NOT NULL, `code_hash` blob NOT NULL, `attempts` integer NOT NULL DEFAULT (0), `created_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL);
-- Create index "logincode_email_key_created_at" to table: "login_codes"
CREATE INDEX `logincode_email_key_created_at` ON `login_codes` (`email_key`, `created_at`);
-- Create "loyalty_accounts" table
CREATE TABLE `loyalty_accounts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `customer_id` integer NOT NULL, `balance` integer NOT NULL DEFAULT (0), `lifetime_points` integer NOT NULL DEFAULT (0), `lifetime_spend` integer NOT NULL DEFAULT (0), `tier` text NOT NULL DEFAULT (''), `referral_code` text NOT NULL, `referred_by_id` integer NULL, `last_activity_at` datetime NULL, `next_expiry_at` datetime NULL);
-- Create index "loyalty_accounts_customer_id_key" to table: "loyalty_accounts"
CREATE UNIQUE INDEX `loyalty_accounts_customer_id_key` ON `loyalty_accounts` (`customer_id`);
-- Create index "loyalty_accounts_referral_code_key" to table: "loyalty_accounts"
CREATE UNIQUE INDEX `loyalty_accounts_referral_code_key` ON `loyalty_accounts` (`referral_code`);
-- Create index "loyaltyaccount_next_expiry_at" to table: "loyalty_accounts"
CREATE INDEX `loyaltyaccount_next_expiry_at` ON `loyalty_accounts` (`next_expiry_at`);
-- Create index "loyaltyaccount_last_activity_at" to table: "loyalty_accounts"
CREATE INDEX `loyaltyaccount_last_activity_at` ON `loyalty_accounts` (`last_activity_at`);
-- Create index "loyaltyaccount_referred_by_id" to table: "loyalty_accounts"
CREATE INDEX `loyaltyaccount_referred_by_id` ON `loyalty_accounts` (`referred_by_id`);
-- Create "loyalty_entries" table
CREATE TABLE `loyalty_entries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `customer_id` integer NOT NULL, `kind` text NOT NULL, `source` text NOT NULL, `action` text NOT NULL DEFAULT (''), `points` integer NOT NULL, `spend` integer NOT NULL DEFAULT (0), `order_id` integer NULL, `reward_id` integer NULL, `idempotency_key` text NULL, `description` text NOT NULL DEFAULT (''), `expires_at` datetime NULL, `created_at` datetime NOT NULL);
-- Create index "loyaltyentry_customer_id_idempotency_key" to table: "loyalty_entries"
CREATE UNIQUE INDEX `loyaltyentry_customer_id_idempotency_key` ON `loyalty_entries` (`customer_id`, `idempotency_key`);
-- Create index "loyaltyentry_customer_id_created_at" to table: "loyalty_entries"
CREATE INDEX `loyaltyentry_customer_id_created_at` ON `loyalty_entries` (`customer_id`, `created_at`);
-- Create index "loyaltyentry_order_id" to table: "loyalty_entries"
CREATE INDEX `loyaltyentry_order_id` ON `loyalty_entries` (`order_id`);
-- Create "loyalty_programs" table
CREATE TABLE `loyalty_programs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `enabled` bool NOT NULL DEFAULT (false), `name` text NOT NULL DEFAULT ('Rewards'), `currency_code` text NOT NULL DEFAULT ('USD'), `points_per_unit` integer NOT NULL DEFAULT (1), `earn_rules` json NOT NULL, `tier_basis` text NOT NULL DEFAULT ('LIFETIME_POINTS'), `tiers` json NOT NULL, `expire_after_months` integer NOT NULL DEFAULT (0), `expire_after_inactive_months` integer NOT NULL DEFAULT (0), `reward_code_valid_days` integer NOT NULL DEFAULT (90));
-- Create "loyalty_redemptions" table
CREATE TABLE `loyalty_redemptions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `customer_id` integer NOT NULL, `reward_id` integer NOT NULL, `entry_id` integer NOT NULL, `code_hash` text NOT NULL, `code_ending` text NOT NULL, `kind` text NOT NULL, `amount` integer NOT NULL DEFAULT (0), `currency_code` text NOT NULL DEFAULT (''), `percentage` integer NOT NULL DEFAULT (0), `variant_id` integer NULL, `points` integer NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `created_at` datetime NOT NULL);
-- Create index "loyalty_redemptions_code_hash_key" to table: "loyalty_redemptions"
CREATE UNIQUE INDEX `loyalty_redemptions_code_hash_key` ON `loyalty_redemptions` (`code_hash`);
-- Create index "loyaltyredemption_customer_id_reward_id" to table: "loyalty_redemptions"
CREATE INDEX `loyaltyredemption_customer_id_reward_id` ON `loyalty_redemptions` (`customer_id`, `reward_id`);
-- Create "loyalty_rewards" table
CREATE TABLE `loyalty_rewards` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `handle` text NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `points_cost` integer NOT NULL, `kind` text NOT NULL, `amount` integer NOT NULL DEFAULT (0), `currency_code` text NOT NULL DEFAULT (''), `percentage` integer NOT NULL DEFAULT (0), `variant_id` integer NULL, `limit_per_customer` integer NOT NULL DEFAULT (0), `active` bool NOT NULL DEFAULT (true), `position` integer NOT NULL DEFAULT (0));
-- Create index "loyalty_rewards_handle_key" to table: "loyalty_rewards"
CREATE UNIQUE INDEX `loyalty_rewards_handle_key` ON `loyalty_rewards` (`handle`);
-- Create "mailing_addresses" table
CREATE TABLE `mailing_addresses` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `first_name` text NULL, `last_name` text NULL, `company` text NULL, `address1` text NULL, `address2` text NULL, `city` text NULL, `province` text NULL, `province_code` text NULL, `country` text NULL, `country_code` text NULL, `zip` text NULL, `phone` text NULL, `customer_id` integer NULL, CONSTRAINT `mailing_addresses_customers_addresses` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "mailingaddress_customer_id" to table: "mailing_addresses"
CREATE INDEX `mailingaddress_customer_id` ON `mailing_addresses` (`customer_id`);
-- Create "memberships" table
CREATE TABLE `memberships` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `customer_id` integer NOT NULL, `plan_id` integer NOT NULL, `started_at` datetime NOT NULL, `period_end` datetime NOT NULL, `cancelled_at` datetime NULL, `ended_at` datetime NULL);
-- Create index "memberships_customer_id_key" to table: "memberships"
CREATE UNIQUE INDEX `memberships_customer_id_key` ON `memberships` (`customer_id`);
-- Create index "membership_plan_id" to table: "memberships"
CREATE INDEX `membership_plan_id` ON `memberships` (`plan_id`);
-- Create "membership_payments" table
CREATE TABLE `membership_payments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `membership_id` integer NOT NULL, `reference` text NOT NULL, `kind` text NOT NULL, `period_start` datetime NOT NULL, `period_end` datetime NOT NULL, `created_at` datetime NOT NULL);
-- Create index "membership_payments_reference_key" to table: "membership_payments"
CREATE UNIQUE INDEX `membership_payments_reference_key` ON `membership_payments` (`reference`);
-- Create "membership_plans" table
CREATE TABLE `membership_plans` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `handle` text NOT NULL, `name` text NOT NULL, `price` integer NOT NULL, `currency_code` text NOT NULL, `interval` text NOT NULL, `interval_count` integer NOT NULL DEFAULT (1), `benefits` json NOT NULL, `active` bool NOT NULL DEFAULT (true), `position` integer NOT NULL DEFAULT (0));
-- Create index "membership_plans_handle_key" to table: "membership_plans"
CREATE UNIQUE INDEX `membership_plans_handle_key` ON `membership_plans` (`handle`);
-- Create "notifications" table
CREATE TABLE `notifications` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `event_key` text NOT NULL, `kind` text NOT NULL, `topic` text NULL, `channel` text NOT NULL, `recipient` text NOT NULL, `language` text NOT NULL DEFAULT ('EN'), `data` json NULL, `frequency` text NOT NULL DEFAULT ('IMMEDIATE'), `status` text NOT NULL DEFAULT ('PENDING'), `attempts` integer NOT NULL DEFAULT (0), `due_at` datetime NOT NULL, `lease_until` datetime NULL, `lease_owner` text NULL, `last_error` text NULL, `sent_at` datetime NULL, `created_at` datetime NOT NULL, `customer_id` integer NULL, CONSTRAINT `notifications_customers_notifications` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "notification_event_key_channel" to table: "notifications"
CREATE UNIQUE INDEX `notification_event_key_channel` ON `notifications` (`event_key`, `channel`);
-- Create index "notification_status_due_at" to table: "notifications"
CREATE INDEX `notification_status_due_at` ON `notifications` (`status`, `due_at`);
-- Create index "notification_customer_id" to table: "notifications"
CREATE INDEX `notification_customer_id` ON `notifications` (`customer_id`);
-- Create "orders" table
CREATE TABLE `orders` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `external_id` text NOT NULL, `order_number` integer NOT NULL, `name` text NOT NULL, `customer_id` integer NULL, `email` text NULL, `email_key` text NULL, `phone` text NULL, `processed_at` datetime NOT NULL, `currency_code` text NOT NULL, `financial_status` text NOT NULL, `fulfillment_status` text NOT NULL, `cancel_reason` text NULL, `canceled_at` datetime NULL, `closed_at` datetime NULL, `subtotal_price` integer NOT NULL, `total_shipping_price` integer NOT NULL, `total_tax` integer NOT NULL, `total_discounts` integer NOT NULL, `total_price` integer NOT NULL, `total_refunded` integer NOT NULL DEFAULT (0), `status_key` text NOT NULL, `discount_applications` json NULL, `search_text` text NOT NULL DEFAULT (''), `shipping_address_id` integer NULL, `billing_address_id` integer NULL, CONSTRAINT `orders_mailing_addresses_shipping_address` FOREIGN KEY (`shipping_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL, CONSTRAINT `orders_mailing_addresses_billing_address` FOREIGN KEY (`billing_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL);
-- Create index "orders_external_id_key" to table: "orders"
CREATE UNIQUE INDEX `orders_external_id_key` ON `orders` (`external_id`);
-- Create index "orders_order_number_key" to table: "orders"
CREATE UNIQUE INDEX `orders_order_number_key` ON `orders` (`order_number`);
-- Create index "order_customer_id_processed_at" to table: "orders"
CREATE INDEX `order_customer_id_processed_at` ON `orders` (`customer_id`, `processed_at`);
-- Create index "order_customer_id_total_price" to table: "orders"
CREATE INDEX `order_customer_id_total_price` ON `orders` (`customer_id`, `total_price`);
-- Create index "order_email_key" to table: "orders"
CREATE INDEX `order_email_key` ON `orders` (`email_key`);
-- Create "order_line_items" table
CREATE TABLE `order_line_items` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `title` text NOT NULL, `variant_title` text NOT NULL DEFAULT (''), `sku` text NOT NULL DEFAULT (''), `quantity` integer NOT NULL, `current_quantity` integer NOT NULL, `currency_code` text NOT NULL, `original_unit_price` integer NOT NULL, `discount` integer NOT NULL, `position` integer NOT NULL, `order_id` integer NOT NULL, `variant_id` integer NULL, CONSTRAINT `order_line_items_orders_line_items` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE CASCADE, CONSTRAINT `order_line_items_product_variants_variant` FOREIGN KEY (`variant_id`) REFERENCES `product_variants` (`id`) ON DELETE SET NULL);
-- Create index "orderlineitem_order_id_position" to table: "order_line_items"
CREATE INDEX `orderlineitem_order_id_position` ON `order_line_items` (`order_id`, `position`);
-- Create "preference_vocabularies" table
CREATE TABLE `preference_vocabularies` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `sizes` json NOT NULL, `colors` json NOT NULL, `interests` json NOT NULL, `occasions` json NOT NULL);
-- Create "products" table
CREATE TABLE `products` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `handle` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL DEFAULT (''), `vendor` text NOT NULL DEFAULT (''), `product_type` text NOT NULL DEFAULT (''), `tags` json NOT NULL, `image_url` text NULL, `image_alt` text NULL);
-- Create index "products_handle_key" to table: "products"
CREATE UNIQUE INDEX `products_handle_key` ON `products` (`handle`);
-- Create "product_variants" table
CREATE TABLE `product_variants` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `sku` text NOT NULL, `title` text NOT NULL, `price` integer NOT NULL, `compare_at_price` integer NULL, `currency_code` text NOT NULL, `available_for_sale` bool NOT NULL DEFAULT (true), `selected_options` json NULL, `image_url` text NULL, `image_alt` text NULL, `position` integer NOT NULL DEFAULT (0), `product_id` integer NOT NULL, CONSTRAINT `product_variants_products_variants` FOREIGN KEY (`product_id`) REFERENCES `products` (`id`) ON DELETE CASCADE);
-- Create index "product_variants_sku_key" to table: "product_variants"
CREATE UNIQUE INDEX `product_variants_sku_key` ON `product_variants` (`sku`);
-- Create index "productvariant_product_id_position" to table: "product_variants"
CREATE INDEX `productvariant_product_id_position` ON `product_variants` (`product_id`, `position`);
-- Create "recovery_codes" table
CREATE TABLE `recovery_codes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `code_hash` blob NOT NULL, `created_at` datetime NOT NULL, `used_at` datetime NULL, `customer_id` integer NOT NULL, CONSTRAINT `recovery_codes_customers_recovery_codes` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "recoverycode_customer_id_code_hash" to table: "recovery_codes"
CREATE UNIQUE INDEX `recoverycode_customer_id_code_hash` ON `recovery_codes` (`customer_id`, `code_hash`);
-- Create "saved_carts" table
CREATE TABLE `saved_carts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `customer_id` integer NOT NULL, `name` text NOT NULL, `kind` text NOT NULL DEFAULT ('NAMED'));
-- Create index "savedcart_customer_id_kind" to table: "saved_carts"
CREATE INDEX `savedcart_customer_id_kind` ON `saved_carts` (`customer_id`, `kind`);
-- Create "saved_cart_lines" table
CREATE TABLE `saved_cart_lines` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `quantity` integer NOT NULL, `price_when_saved` integer NOT NULL, `currency_code` text NOT NULL, `saved_cart_id` integer NOT NULL, `variant_id` integer NOT NULL, CONSTRAINT `saved_cart_lines_saved_carts_lines` FOREIGN KEY (`saved_cart_id`) REFERENCES `saved_carts` (`id`) ON DELETE CASCADE, CONSTRAINT `saved_cart_lines_product_variants_variant` FOREIGN KEY (`variant_id`) REFERENCES `product_variants` (`id`) ON DELETE NO ACTION);
-- Create index "savedcartline_saved_cart_id_variant_id" to table: "saved_cart_lines"
CREATE UNIQUE INDEX `savedcartline_saved_cart_id_variant_id` ON `saved_cart_lines` (`saved_cart_id`, `variant_id`);
-- Create "server_secrets" table
CREATE TABLE `server_secrets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `value` blob NOT NULL, `created_at` datetime NOT NULL);
-- Create index "server_secrets_name_key" to table: "server_secrets"
CREATE UNIQUE INDEX `server_secrets_name_key` ON `server_secrets` (`name`);
-- Create "shop_settings" table
CREATE TABLE `shop_settings` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `accounts` text NOT NULL DEFAULT ('OPTIONAL'), `registration` text NOT NULL DEFAULT ('OPEN'), `passwordless` bool NOT NULL DEFAULT (true), `two_factor` text NOT NULL DEFAULT ('OPTIONAL'), `allowed_email_domains` json NOT NULL);
-- Create "support_contacts" table
CREATE TABLE `support_contacts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NULL, `phone` text NULL, `hours` text NULL, `chat_url` text NULL, `faq_url` text NULL);
-- Create "support_messages" table
CREATE TABLE `support_messages` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `author` text NOT NULL, `body` text NOT NULL, `created_at` datetime NOT NULL, `ticket_id` integer NOT NULL, CONSTRAINT `support_messages_support_tickets_messages` FOREIGN KEY (`ticket_id`) REFERENCES `support_tickets` (`id`) ON DELETE CASCADE);
-- Create index "supportmessage_ticket_id" to table: "support_messages"
CREATE INDEX `supportmessage_ticket_id` ON `support_messages` (`ticket_id`);
-- Create "support_tickets" table
CREATE TABLE `support_tickets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `customer_id` integer NOT NULL, `order_id` integer NULL, `subject` text NOT NULL, `status` text NOT NULL DEFAULT ('OPEN'));
-- Create index "supportticket_customer_id" to table: "support_tickets"
CREATE INDEX `supportticket_customer_id` ON `support_tickets` (`customer_id`);
-- Create index "supportticket_status_updated_at" to table: "support_tickets"
CREATE INDEX `supportticket_status_updated_at` ON `support_tickets` (`status`, `updated_at`);
-- Create "throttle_events" table
CREATE TABLE `throttle_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `at` datetime NOT NULL);
-- Create index "throttleevent_key_at" to table: "throttle_events"
CREATE INDEX `throttleevent_key_at` ON `throttle_events` (`key`, `at`);
-- Create index "throttleevent_at" to table: "throttle_events"
CREATE INDEX `throttleevent_at` ON `throttle_events` (`at`);
-- Create "variant_sales" table
CREATE TABLE `variant_sales` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `variant_id` integer NOT NULL, `orders` integer NOT NULL DEFAULT (0));
-- Create index "variant_sales_variant_id_key" to table: "variant_sales"
CREATE UNIQUE INDEX `variant_sales_variant_id_key` ON `variant_sales` (`variant_id`);
-- Create index "variantsales_orders" to table: "variant_sales"
CREATE INDEX `variantsales_orders` ON `variant_sales` (`orders`);
-- Create "wishlists" table
CREATE TABLE `wishlists` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `customer_id` integer NOT NULL, `name` text NOT NULL, `is_default` bool NOT NULL DEFAULT (false), `share_token` text NULL, `show_owner_name` bool NOT NULL DEFAULT (false));
-- Create index "wishlists_share_token_key" to table: "wishlists"
CREATE UNIQUE INDEX `wishlists_share_token_key` ON `wishlists` (`share_token`);
-- Create index "wishlist_customer_id" to table: "wishlists"
CREATE INDEX `wishlist_customer_id` ON `wishlists` (`customer_id`);
-- Create "wishlist_events" table
CREATE TABLE `wishlist_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `customer_id` integer NOT NULL, `variant_id` integer NOT NULL, `kind` text NOT NULL, `old_price` integer NOT NULL, `new_price` integer NOT NULL, `currency_code` text NOT NULL, `created_at` datetime NOT NULL, `delivered_at` datetime NULL);
-- Create index "wishlistevent_delivered_at_created_at" to table: "wishlist_events"
CREATE INDEX `wishlistevent_delivered_at_created_at` ON `wishlist_events` (`delivered_at`, `created_at`);
-- Create index "wishlistevent_customer_id" to table: "wishlist_events"
CREATE INDEX `wishlistevent_customer_id` ON `wishlist_events` (`customer_id`);
-- Create "wishlist_lines" table
CREATE TABLE `wishlist_lines` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `quantity` integer NOT NULL DEFAULT (1), `note` text NOT NULL DEFAULT (''), `price_when_added` integer NOT NULL, `currency_code` text NOT NULL, `wishlist_id` integer NOT NULL, `variant_id` integer NOT NULL, CONSTRAINT `wishlist_lines_wishlists_lines` FOREIGN KEY (`wishlist_id`) REFERENCES `wishlists` (`id`) ON DELETE CASCADE, CONSTRAINT `wishlist_lines_product_variants_variant` FOREIGN KEY (`variant_id`) REFERENCES `product_variants` (`id`) ON DELETE NO ACTION);
-- Create index "wishlistline_wishlist_id_variant_id" to table: "wishlist_lines"
CREATE UNIQUE INDEX `wishlistline_wishlist_id_variant_id` ON `wishlist_lines` (`wishlist_id`, `variant_id`);
-- Create index "wishlistline_variant_id" to table: "wishlist_lines"
CREATE INDEX `wishlistline_variant_id` ON `wishlist_lines` (`variant_id`);
