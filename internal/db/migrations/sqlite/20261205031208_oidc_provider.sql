-- Create "oauth_codes" table
CREATE TABLE `oauth_codes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code_hash` blob NOT NULL, `client_id` text NOT NULL, `redirect_uri` text NOT NULL, `code_challenge` text NOT NULL, `nonce` text NOT NULL DEFAULT (''), `scope` text NOT NULL DEFAULT (''), `auth_time` datetime NOT NULL, `expires_at` datetime NOT NULL, `family` text NOT NULL, `used_at` datetime NULL, `customer_id` integer NOT NULL, CONSTRAINT `oauth_codes_customers_oauth_codes` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "oauth_codes_code_hash_key" to table: "oauth_codes"
CREATE UNIQUE INDEX `oauth_codes_code_hash_key` ON `oauth_codes` (`code_hash`);
-- Create index "oauthcode_expires_at" to table: "oauth_codes"
CREATE INDEX `oauthcode_expires_at` ON `oauth_codes` (`expires_at`);
-- Create "oauth_refresh_tokens" table
CREATE TABLE `oauth_refresh_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `token_hash` blob NOT NULL, `family` text NOT NULL, `client_id` text NOT NULL, `scope` text NOT NULL DEFAULT (''), `auth_time` datetime NOT NULL, `access_token_id` integer NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `customer_id` integer NOT NULL, CONSTRAINT `oauth_refresh_tokens_customers_oauth_refresh_tokens` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE);
-- Create index "oauth_refresh_tokens_token_hash_key" to table: "oauth_refresh_tokens"
CREATE UNIQUE INDEX `oauth_refresh_tokens_token_hash_key` ON `oauth_refresh_tokens` (`token_hash`);
-- Create index "oauthrefreshtoken_family" to table: "oauth_refresh_tokens"
CREATE INDEX `oauthrefreshtoken_family` ON `oauth_refresh_tokens` (`family`);
-- Create index "oauthrefreshtoken_customer_id" to table: "oauth_refresh_tokens"
CREATE INDEX `oauthrefreshtoken_customer_id` ON `oauth_refresh_tokens` (`customer_id`);
-- Create index "oauthrefreshtoken_expires_at" to table: "oauth_refresh_tokens"
CREATE INDEX `oauthrefreshtoken_expires_at` ON `oauth_refresh_tokens` (`expires_at`);
-- Create "signing_keys" table
CREATE TABLE `signing_keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kid` text NOT NULL, `private_key` blob NOT NULL, `signs_until` datetime NOT NULL);
-- Create index "signing_keys_kid_key" to table: "signing_keys"
CREATE UNIQUE INDEX `signing_keys_kid_key` ON `signing_keys` (`kid`);
