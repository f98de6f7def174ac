-- Add column "discount_allocations" to table: "order_line_items"
ALTER TABLE `order_line_items` ADD COLUMN `discount_allocations` json NULL;
