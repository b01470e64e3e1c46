-- posts_platform (migration 301) duplicates the leading column of the unique
-- (platform, platform_post_id) index; dropping it saves one index write per stored post.
DROP INDEX IF EXISTS posts_platform;
