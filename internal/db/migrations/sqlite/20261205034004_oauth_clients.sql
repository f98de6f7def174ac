-- Create "oauth_clients" table
CREATE TABLE `oauth_clients` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `client_id` text NOT NULL, `name` text NOT NULL, `confidential` bool NOT NULL DEFAULT (false), `secret_hash` blob NULL, `redirect_uris` json NOT NULL, `post_logout_uris` json NOT NULL, `allowed_origins` json NOT NULL);
-- Create index "oauth_clients_client_id_key" to table: "oauth_clients"
CREATE UNIQUE INDEX `oauth_clients_client_id_key` ON `oauth_clients` (`client_id`);
