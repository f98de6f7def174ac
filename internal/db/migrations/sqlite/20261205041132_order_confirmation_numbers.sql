-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_orders" table
CREATE TABLE `new_orders` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `external_id` text NOT NULL, `order_number` integer NOT NULL, `name` text NOT NULL, `confirmation_number` text NULL, `customer_id` integer NULL, `email` text NULL, `email_key` text NULL, `phone` text NULL, `processed_at` datetime NOT NULL, `currency_code` text NOT NULL, `financial_status` text NOT NULL, `fulfillment_status` text NOT NULL, `cancel_reason` text NULL, `canceled_at` datetime NULL, `closed_at` datetime NULL, `subtotal_price` integer NOT NULL, `total_shipping_price` integer NOT NULL, `total_tax` integer NOT NULL, `total_discounts` integer NOT NULL, `total_price` integer NOT NULL, `total_refunded` integer NOT NULL DEFAULT (0), `status_key` text NOT NULL, `discount_applications` json NULL, `search_text` text NOT NULL DEFAULT (''), `company_id` integer NULL, `company_location_id` integer NULL, `shipping_address_id` integer NULL, `billing_address_id` integer NULL, CONSTRAINT `orders_mailing_addresses_shipping_address` FOREIGN KEY (`shipping_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL, CONSTRAINT `orders_mailing_addresses_billing_address` FOREIGN KEY (`billing_address_id`) REFERENCES `mailing_addresses` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "orders" to new temporary table "new_orders"
INSERT INTO `new_orders` (`id`, `created_at`, `updated_at`, `external_id`, `order_number`, `name`, `customer_id`, `email`, `email_key`, `phone`, `processed_at`, `currency_code`, `financial_status`, `fulfillment_status`, `cancel_reason`, `canceled_at`, `closed_at`, `subtotal_price`, `total_shipping_price`, `total_tax`, `total_discounts`, `total_price`, `total_refunded`, `status_key`, `discount_applications`, `search_text`, `company_id`, `company_location_id`, `shipping_address_id`, `billing_address_id`) SELECT `id`, `created_at`, `updated_at`, `external_id`, `order_number`, `name`, `customer_id`, `email`, `email_key`, `phone`, `processed_at`, `currency_code`, `financial_status`, `fulfillment_status`, `cancel_reason`, `canceled_at`, `closed_at`, `subtotal_price`, `total_shipping_price`, `total_tax`, `total_discounts`, `total_price`, `total_refunded`, `status_key`, `discount_applications`, `search_text`, `company_id`, `company_location_id`, `shipping_address_id`, `billing_address_id` FROM `orders`;
-- Drop "orders" table after copying rows
DROP TABLE `orders`;
-- Rename temporary table "new_orders" to "orders"
ALTER TABLE `new_orders` RENAME TO `orders`;
-- Create index "orders_external_id_key" to table: "orders"
CREATE UNIQUE INDEX `orders_external_id_key` ON `orders` (`external_id`);
-- Create index "orders_order_number_key" to table: "orders"
CREATE UNIQUE INDEX `orders_order_number_key` ON `orders` (`order_number`);
-- Create index "orders_confirmation_number_key" to table: "orders"
CREATE UNIQUE INDEX `orders_confirmation_number_key` ON `orders` (`confirmation_number`);
-- Create index "order_customer_id_processed_at" to table: "orders"
CREATE INDEX `order_customer_id_processed_at` ON `orders` (`customer_id`, `processed_at`);
-- Create index "order_customer_id_total_price" to table: "orders"
CREATE INDEX `order_customer_id_total_price` ON `orders` (`customer_id`, `total_price`);
-- Create index "order_email_key" to table: "orders"
CREATE INDEX `order_email_key` ON `orders` (`email_key`);
-- Create index "order_company_id_processed_at" to table: "orders"
CREATE INDEX `order_company_id_processed_at` ON `orders` (`company_id`, `processed_at`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
