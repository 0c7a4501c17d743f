-- The rubrik a wire feed's drafts go into ("Jadikan draf"); NULL: the first rubrik of the menu.
ALTER TABLE wire_feeds ADD COLUMN rubrik_id BIGINT REFERENCES rubriks(id) ON DELETE SET NULL;
