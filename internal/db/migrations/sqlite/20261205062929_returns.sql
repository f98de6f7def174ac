-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_shop_settings" table
CREATE TABLE `new_shop_settings` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `accounts` text NOT NULL DEFAULT ('OPTIONAL'), `registration` text NOT NULL DEFAULT ('OPEN'), `passwordless` bool NOT NULL DEFAULT (true), `two_factor` text NOT NULL DEFAULT ('OPTIONAL'), `allowed_email_domains` json NOT NULL, `multipass_secret` text NULL, `return_window_days` integer NOT NULL DEFAULT (30), `return_instructions` text NOT NULL DEFAULT (''));
-- Copy rows from old table "shop_settings" to new temporary table "new_shop_settings"
INSERT INTO `new_shop_settings` (`id`, `created_at`, `updated_at`, `accounts`, `registration`, `passwordless`, `two_factor`, `allowed_email_domains`, `multipass_secret`) SELECT `id`, `created_at`, `updated_at`, `accounts`, `registration`, `passwordless`, `two_factor`, `allowed_email_domains`, `multipass_secret` FROM `shop_settings`;
-- Drop "shop_settings" table after copying rows
DROP TABLE `shop_settings`;
-- Rename temporary table "new_shop_settings" to "shop_settings"
ALTER TABLE `new_shop_settings` RENAME TO `shop_settings`;
-- Create "order_returns" table
CREATE TABLE `order_returns` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `number` integer NOT NULL, `status` text NOT NULL DEFAULT ('REQUESTED'), `decline_reason` text NULL, `decline_note` text NULL, `closed_at` datetime NULL, `order_id` integer NOT NULL, `customer_id` integer NULL, CONSTRAINT `order_returns_orders_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE CASCADE, CONSTRAINT `order_returns_customers_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE SET NULL);
-- Create index "orderreturn_order_id_number" to table: "order_returns"
CREATE UNIQUE INDEX `orderreturn_order_id_number` ON `order_returns` (`order_id`, `number`);
-- Create index "orderreturn_customer_id_created_at" to table: "order_returns"
CREATE INDEX `orderreturn_customer_id_created_at` ON `order_returns` (`customer_id`, `created_at`);
-- Create index "orderreturn_status_created_at" to table: "order_returns"
CREATE INDEX `orderreturn_status_created_at` ON `order_returns` (`status`, `created_at`);
-- Create "return_line_items" table
CREATE TABLE `return_line_items` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `quantity` integer NOT NULL, `reason` text NOT NULL, `customer_note` text NULL, `received_quantity` integer NOT NULL DEFAULT (0), `return_id` integer NOT NULL, `line_item_id` integer NOT NULL, CONSTRAINT `return_line_items_order_returns_lines` FOREIGN KEY (`return_id`) REFERENCES `order_returns` (`id`) ON DELETE CASCADE, CONSTRAINT `return_line_items_order_line_items_line_item` FOREIGN KEY (`line_item_id`) REFERENCES `order_line_items` (`id`) ON DELETE CASCADE);
-- Create index "returnlineitem_return_id" to table: "return_line_items"
CREATE INDEX `returnlineitem_return_id` ON `return_line_items` (`return_id`);
-- Create index "returnlineitem_line_item_id" to table: "return_line_items"
CREATE INDEX `returnlineitem_line_item_id` ON `return_line_items` (`line_item_id`);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
