-- Modify "order_line_items" table
ALTER TABLE "order_line_items" ADD COLUMN "discount_allocations" jsonb NULL;
