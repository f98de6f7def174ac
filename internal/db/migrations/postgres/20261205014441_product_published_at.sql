-- Modify "products" table
ALTER TABLE "products" ADD COLUMN "published_at" timestamptz NULL;
