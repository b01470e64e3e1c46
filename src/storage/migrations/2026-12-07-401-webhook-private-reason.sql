-- Issue 13: webhooks to private, loopback, link-local or metadata addresses are refused unless an
-- admin allowed the origin with a reason (NULL: not allowed; entries made before this need one).
ALTER TABLE webhook_allowlist ADD COLUMN private_reason TEXT;
