-- Create "payment_customers" table
CREATE TABLE `payment_customers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider` text NOT NULL, `provider_ref` text NOT NULL, `customer_id` integer NOT NULL, CONSTRAINT `payment_customers_customers_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "paymentcustomer_customer_id_provider" to table: "payment_customers"
CREATE UNIQUE INDEX `paymentcustomer_customer_id_provider` ON `payment_customers` (`customer_id`, `provider`);
-- Create index "paymentcustomer_provider_provider_ref" to table: "payment_customers"
CREATE UNIQUE INDEX `paymentcustomer_provider_provider_ref` ON `payment_customers` (`provider`, `provider_ref`);
-- Create "payment_events" table
CREATE TABLE `payment_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider` text NOT NULL, `event_id` text NOT NULL, `type` text NOT NULL);
-- Create index "paymentevent_provider_event_id" to table: "payment_events"
CREATE UNIQUE INDEX `paymentevent_provider_event_id` ON `payment_events` (`provider`, `event_id`);
-- Create "payment_methods" table
CREATE TABLE `payment_methods` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider` text NOT NULL, `provider_ref` text NOT NULL, `brand` text NOT NULL DEFAULT (''), `last4` text NOT NULL DEFAULT (''), `exp_month` integer NOT NULL DEFAULT (0), `exp_year` integer NOT NULL DEFAULT (0), `wallet` text NOT NULL DEFAULT (''), `billing_address` json NULL, `is_default` bool NOT NULL DEFAULT (false), `customer_id` integer NOT NULL, CONSTRAINT `payment_methods_customers_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "paymentmethod_provider_provider_ref" to table: "payment_methods"
CREATE UNIQUE INDEX `paymentmethod_provider_provider_ref` ON `payment_methods` (`provider`, `provider_ref`);
-- Create index "paymentmethod_customer_id" to table: "payment_methods"
CREATE INDEX `paymentmethod_customer_id` ON `payment_methods` (`customer_id`);
-- Create "payment_setups" table
CREATE TABLE `payment_setups` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `provider` text NOT NULL, `setup_ref` text NOT NULL, `customer_id` integer NOT NULL, CONSTRAINT `payment_setups_customers_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "paymentsetup_provider_setup_ref" to table: "payment_setups"
CREATE UNIQUE INDEX `paymentsetup_provider_setup_ref` ON `payment_setups` (`provider`, `setup_ref`);
