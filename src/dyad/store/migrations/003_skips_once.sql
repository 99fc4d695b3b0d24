-- A skipped input is recorded once per reason: re-running a batch updates its row (detail and
-- time) instead of adding another. Rows recorded twice by earlier versions are merged. (The
-- table is rebuilt: DuckDB cannot add a key to a table, nor index rows deleted in the same
-- transaction.)
CREATE TABLE skips_once (
    input VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR NOT NULL,
    "at" TIMESTAMP NOT NULL,
    PRIMARY KEY (input, reason)
);
INSERT INTO skips_once
    SELECT input, reason, arg_max(detail, "at"), max("at") FROM skips GROUP BY input, reason;
DROP TABLE skips;
ALTER TABLE skips_once RENAME TO skips;
