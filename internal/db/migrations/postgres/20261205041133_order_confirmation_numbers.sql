-- Modify "orders" table
ALTER TABLE "orders" ADD COLUMN "confirmation_number" character varying NULL;
-- Create index "orders_confirmation_number_key" to table: "orders"
CREATE UNIQUE INDEX "orders_confirmation_number_key" ON "orders" ("confirmation_number");
