-- Create index "loyaltyentry_customer_id_id" to table: "loyalty_entries"
CREATE INDEX `loyaltyentry_customer_id_id` ON `loyalty_entries` (`customer_id`, `id`);
