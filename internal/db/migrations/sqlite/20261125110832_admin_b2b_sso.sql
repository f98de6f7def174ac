-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_customers" table
CREATE TABLE `new_customers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NOT NULL, `email_key` text NOT NULL, `first_name` text NULL, `last_name` text NULL, `phone` text NULL, `accepts_marketing` bool NOT NULL DEFAULT (false), `accepts_marketing_updated_at` datetime NULL, `tags` json NOT NULL, `note` text NULL, `state` text NOT NULL DEFAULT ('ENABLED'), `password_hash` text NULL, `email_verified` bool NOT NULL DEFAULT (false), `pending_email` text NULL, `birthday` text NULL, `birth_md` integer NULL, `language` text NULL, `currency_code` text NULL, `sizes` json NOT NULL, `colors` json NOT NULL, `interests` json NOT NULL, `occasions` json NOT NULL, `personalization` bool NOT NULL DEFAULT (true), `data_sharing` bool NOT NULL DEFAULT (false), `totp_secret` text NULL, `totp_pending_secret` text NULL, `totp_last_step` integer NOT NULL DEFAULT (0), `orders_count` integer NOT NULL DEFAULT (0), `amount_spent` integer NOT NULL DEFAULT (0), `last_order_at` datetime NULL, `sort_name` text NOT NULL DEFAULT (''), `default_address_id` integer NULL, CONSTRAINT `customers_mailing_addresses_default_address` FOREIGN KEY (`default_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "customers" to new temporary table "new_customers"
INSERT INTO `new_customers` (`id`, `created_at`, `updated_at`, `email`, `email_key`, `first_name`, `last_name`, `phone`, `accepts_marketing`, `accepts_marketing_updated_at`, `tags`, `note`, `state`, `password_hash`, `email_verified`, `pending_email`, `birthday`, `birth_md`, `language`, `currency_code`, `sizes`, `colors`, `interests`, `occasions`, `personalization`, `data_sharing`, `totp_secret`, `totp_pending_secret`, `totp_last_step`, `default_address_id`) SELECT `id`, `created_at`, `updated_at`, `email`, `email_key`, `first_name`, `last_name`, `phone`, `accepts_marketing`, `accepts_marketing_updated_at`, `tags`, `note`, `state`, `password_hash`, `email_verified`, `pending_email`, `birthday`, `birth_md`, `language`, `currency_code`, `sizes`, `colors`, `interests`, `occasions`, `personalization`, `data_sharing`, `totp_secret`, `totp_pending_secret`, `totp_last_step`, `default_address_id` FROM `customers`;
-- Drop "customers" table after copying rows
DROP TABLE `customers`;
-- Rename temporary table "new_customers" to "customers"
ALTER TABLE `new_customers` RENAME TO `customers`;
-- Create index "customers_email_key_key" to table: "customers"
CREATE UNIQUE INDEX `customers_email_key_key` ON `customers` (`email_key`);
-- Create index "customers_phone_key" to table: "customers"
CREATE UNIQUE INDEX `customers_phone_key` ON `customers` (`phone`);
-- Create index "customer_created_at" to table: "customers"
CREATE INDEX `customer_created_at` ON `customers` (`created_at`);
-- Create index "customer_birth_md" to table: "customers"
CREATE INDEX `customer_birth_md` ON `customers` (`birth_md`);
-- Create index "customer_sort_name_id" to table: "customers"
CREATE INDEX `customer_sort_name_id` ON `customers` (`sort_name`, `id`);
-- Create index "customer_orders_count_id" to table: "customers"
CREATE INDEX `customer_orders_count_id` ON `customers` (`orders_count`, `id`);
-- Create index "customer_amount_spent_id" to table: "customers"
CREATE INDEX `customer_amount_spent_id` ON `customers` (`amount_spent`, `id`);
-- Create index "customer_last_order_at" to table: "customers"
CREATE INDEX `customer_last_order_at` ON `customers` (`last_order_at`);
-- Create "new_customer_access_tokens" table
CREATE TABLE `new_customer_access_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `token_hash` blob NOT NULL, `expires_at` datetime NOT NULL, `last_used_at` datetime NULL, `ip` text NULL, `user_agent` text NULL, `country` text NULL, `setup_only` bool NOT NULL DEFAULT (false), `customer_id` integer NOT NULL, CONSTRAINT `customer_access_tokens_customers_access_tokens` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "customer_access_tokens" to new temporary table "new_customer_access_tokens"
INSERT INTO `new_customer_access_tokens` (`id`, `created_at`, `updated_at`, `token_hash`, `expires_at`, `last_used_at`, `ip`, `user_agent`, `country`, `customer_id`) SELECT `id`, `created_at`, `updated_at`, `token_hash`, `expires_at`, `last_used_at`, `ip`, `user_agent`, `country`, `customer_id` FROM `customer_access_tokens`;
-- Drop "customer_access_tokens" table after copying rows
DROP TABLE `customer_access_tokens`;
-- Rename temporary table "new_customer_access_tokens" to "customer_access_tokens"
ALTER TABLE `new_customer_access_tokens` RENAME TO `customer_access_tokens`;
-- Create index "customer_access_tokens_token_hash_key" to table: "customer_access_tokens"
CREATE UNIQUE INDEX `customer_access_tokens_token_hash_key` ON `customer_access_tokens` (`token_hash`);
-- Create index "customeraccesstoken_customer_id" to table: "customer_access_tokens"
CREATE INDEX `customeraccesstoken_customer_id` ON `customer_access_tokens` (`customer_id`);
-- Create index "customeraccesstoken_expires_at" to table: "customer_access_tokens"
CREATE INDEX `customeraccesstoken_expires_at` ON `customer_access_tokens` (`expires_at`);
-- Create "new_orders" table
CREATE TABLE `new_orders` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `external_id` text NOT NULL, `order_number` integer NOT NULL, `name` text NOT NULL, `customer_id` integer NULL, `email` text NULL, `email_key` text NULL, `phone` text NULL, `processed_at` datetime NOT NULL, `currency_code` text NOT NULL, `financial_status` text NOT NULL, `fulfillment_status` text NOT NULL, `cancel_reason` text NULL, `canceled_at` datetime NULL, `closed_at` datetime NULL, `subtotal_price` integer NOT NULL, `total_shipping_price` integer NOT NULL, `total_tax` integer NOT NULL, `total_discounts` integer NOT NULL, `total_price` integer NOT NULL, `total_refunded` integer NOT NULL DEFAULT (0), `status_key` text NOT NULL, `discount_applications` json NULL, `search_text` text NOT NULL DEFAULT (''), `company_id` integer NULL, `company_location_id` integer NULL, `shipping_address_id` integer NULL, `billing_address_id` integer NULL, CONSTRAINT `orders_mailing_addresses_shipping_address` FOREIGN KEY (`shipping_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL, CONSTRAINT `orders_mailing_addresses_billing_address` FOREIGN KEY (`billing_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "orders" to new temporary table "new_orders"
INSERT INTO `new_orders` (`id`, `created_at`, `updated_at`, `external_id`, `order_number`, `name`, `customer_id`, `email`, `email_key`, `phone`, `processed_at`, `currency_code`, `financial_status`, `fulfillment_status`, `cancel_reason`, `canceled_at`, `closed_at`, `subtotal_price`, `total_shipping_price`, `total_tax`, `total_discounts`, `total_price`, `total_refunded`, `status_key`, `discount_applications`, `search_text`, `shipping_address_id`, `billing_address_id`) SELECT `id`, `created_at`, `updated_at`, `external_id`, `order_number`, `name`, `customer_id`, `email`, `email_key`, `phone`, `processed_at`, `currency_code`, `financial_status`, `fulfillment_status`, `cancel_reason`, `canceled_at`, `closed_at`, `subtotal_price`, `total_shipping_price`, `total_tax`, `total_discounts`, `total_price`, `total_refunded`, `status_key`, `discount_applications`, `search_text`, `shipping_address_id`, `billing_address_id` FROM `orders`;
-- Drop "orders" table after copying rows
DROP TABLE `orders`;
-- Rename temporary table "new_orders" to "orders"
ALTER TABLE `new_orders` RENAME TO `orders`;
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
-- Create index "order_company_id_processed_at" to table: "orders"
CREATE INDEX `order_company_id_processed_at` ON `orders` (`company_id`, `processed_at`);
-- Add column "multipass_secret" to table: "shop_settings"
ALTER TABLE `shop_settings` ADD COLUMN `multipass_secret` text NULL;
-- Create "companies" table
CREATE TABLE `companies` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `external_id` text NOT NULL, `name` text NOT NULL, `note` text NULL);
-- Create index "companies_external_id_key" to table: "companies"
CREATE UNIQUE INDEX `companies_external_id_key` ON `companies` (`external_id`);
-- Create "company_contacts" table
CREATE TABLE `company_contacts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `role` text NOT NULL, `spending_limit` integer NULL, `company_id` integer NOT NULL, `customer_id` integer NOT NULL, CONSTRAINT `company_contacts_companies_contacts` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE CASCADE, CONSTRAINT `company_contacts_customers_company_contacts` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "companycontact_company_id_customer_id" to table: "company_contacts"
CREATE UNIQUE INDEX `companycontact_company_id_customer_id` ON `company_contacts` (`company_id`, `customer_id`);
-- Create index "companycontact_customer_id" to table: "company_contacts"
CREATE INDEX `companycontact_customer_id` ON `company_contacts` (`customer_id`);
-- Create "company_locations" table
CREATE TABLE `company_locations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `external_id` text NOT NULL, `name` text NOT NULL, `company_id` integer NOT NULL, `shipping_address_id` integer NULL, CONSTRAINT `company_locations_companies_locations` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE CASCADE, CONSTRAINT `company_locations_mailing_addresses_shipping_address` FOREIGN KEY (`shipping_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL);
-- Create index "companylocation_company_id_external_id" to table: "company_locations"
CREATE UNIQUE INDEX `companylocation_company_id_external_id` ON `company_locations` (`company_id`, `external_id`);
-- Create "data_migrations" table
CREATE TABLE `data_migrations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL);
-- Create index "data_migrations_name_key" to table: "data_migrations"
CREATE UNIQUE INDEX `data_migrations_name_key` ON `data_migrations` (`name`);
-- Create "erp_contacts" table
CREATE TABLE `erp_contacts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email_key` text NOT NULL, `role` text NOT NULL, `spending_limit` integer NULL, `company_id` integer NOT NULL, CONSTRAINT `erp_contacts_companies_erp_contacts` FOREIGN KEY (`company_id`) REFERENCES `companies` (`id`) ON DELETE CASCADE);
-- Create index "erpcontact_company_id_email_key" to table: "erp_contacts"
CREATE UNIQUE INDEX `erpcontact_company_id_email_key` ON `erp_contacts` (`company_id`, `email_key`);
-- Create index "erpcontact_email_key" to table: "erp_contacts"
CREATE INDEX `erpcontact_email_key` ON `erp_contacts` (`email_key`);
-- Create "linked_identities" table
CREATE TABLE `linked_identities` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider` text NOT NULL, `subject` text NOT NULL, `email` text NULL, `customer_id` integer NOT NULL, CONSTRAINT `linked_identities_customers_linked_identities` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "linkedidentity_provider_subject" to table: "linked_identities"
CREATE UNIQUE INDEX `linkedidentity_provider_subject` ON `linked_identities` (`provider`, `subject`);
-- Create index "linkedidentity_customer_id" to table: "linked_identities"
CREATE INDEX `linkedidentity_customer_id` ON `linked_identities` (`customer_id`);
-- Create "social_logins" table
CREATE TABLE `social_logins` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider` text NOT NULL, `state_hash` blob NULL, `nonce` text NOT NULL, `code_verifier` text NOT NULL, `return_to` text NOT NULL, `link_customer_id` integer NULL, `customer_id` integer NULL, `code_hash` blob NULL, `expires_at` datetime NOT NULL);
-- Create index "social_logins_state_hash_key" to table: "social_logins"
CREATE UNIQUE INDEX `social_logins_state_hash_key` ON `social_logins` (`state_hash`);
-- Create index "social_logins_code_hash_key" to table: "social_logins"
CREATE UNIQUE INDEX `social_logins_code_hash_key` ON `social_logins` (`code_hash`);
-- Create index "sociallogin_expires_at" to table: "social_logins"
CREATE INDEX `sociallogin_expires_at` ON `social_logins` (`expires_at`);
-- Create "used_tokens" table
CREATE TABLE `used_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `kind` text NOT NULL, `token_hash` blob NOT NULL, `expires_at` datetime NOT NULL);
-- Create index "used_tokens_token_hash_key" to table: "used_tokens"
CREATE UNIQUE INDEX `used_tokens_token_hash_key` ON `used_tokens` (`token_hash`);
-- Create index "usedtoken_expires_at" to table: "used_tokens"
CREATE INDEX `usedtoken_expires_at` ON `used_tokens` (`expires_at`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
