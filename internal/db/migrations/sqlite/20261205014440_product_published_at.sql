-- Add column "published_at" to table: "products"
ALTER TABLE `products` ADD COLUMN `published_at` datetime NULL;
