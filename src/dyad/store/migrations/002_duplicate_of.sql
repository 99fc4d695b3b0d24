-- Within-article fusion: a repeat telling of an event points at the primary one.
ALTER TABLE events ADD COLUMN duplicate_of VARCHAR;
