-- Create "collections" table
CREATE TABLE `collections` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `handle` text NOT NULL, `title` text NOT NULL, `description` text NOT NULL DEFAULT (''), `image_url` text NULL, `image_alt` text NULL);
-- Create index "collections_handle_key" to table: "collections"
CREATE UNIQUE INDEX `collections_handle_key` ON `collections` (`handle`);
-- Create "collection_products" table
CREATE TABLE `collection_products` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `position` integer NOT NULL, `collection_id` integer NOT NULL, `product_id` integer NOT NULL, CONSTRAINT `collection_products_collections_entries` FOREIGN KEY (`collection_id`) REFERENCES `collections` (`id`) ON DELETE CASCADE, CONSTRAINT `collection_products_products_collection_entries` FOREIGN KEY (`product_id`) REFERENCES `products` (`id`) ON DELETE CASCADE);
-- Create index "collectionproduct_collection_id_product_id" to table: "collection_products"
CREATE UNIQUE INDEX `collectionproduct_collection_id_product_id` ON `collection_products` (`collection_id`, `product_id`);
-- Create index "collectionproduct_collection_id_position" to table: "collection_products"
CREATE INDEX `collectionproduct_collection_id_position` ON `collection_products` (`collection_id`, `position`);
-- Create index "collectionproduct_product_id" to table: "collection_products"
CREATE INDEX `collectionproduct_product_id` ON `collection_products` (`product_id`);
