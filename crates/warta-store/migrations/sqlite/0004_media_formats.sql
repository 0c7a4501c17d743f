-- Warta schema v4 (SQLite): which formats a photo has beyond its WebP variants. Expand only:
-- rows from before keep the defaults (no AVIF, no crops, no placeholder) and render as they
-- did, and an older binary keeps working on the new schema.

-- AVIF variants, a JSON list like `variants`; filled once their files are stored.
ALTER TABLE media ADD COLUMN avif TEXT NOT NULL DEFAULT '[]';
-- 1 while the AVIF variants are still to be made (by the background encoder), else 0.
ALTER TABLE media ADD COLUMN avif_pending BIGINT NOT NULL DEFAULT 0;
-- Centre crops for structured data and social cards: JSON [{aspect, key, width, height, mime}].
ALTER TABLE media ADD COLUMN crops TEXT NOT NULL DEFAULT '[]';
-- A tiny preview of the photo as a data: URI, shown blurred while it loads; '' for none.
ALTER TABLE media ADD COLUMN placeholder TEXT NOT NULL DEFAULT '';
CREATE INDEX media_avif_pending ON media(avif_pending);
