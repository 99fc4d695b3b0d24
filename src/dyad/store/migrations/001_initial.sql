-- dyad store, version 1: articles with their sentences, actor mentions and coded events.
-- Offsets (char_start, char_end) index articles.text, the cleaned text of the article.

CREATE TABLE articles (
    doc_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    published DATE,
    published_text VARCHAR,
    source VARCHAR,
    url VARCHAR,
    doc_path VARCHAR,
    doc_ref VARCHAR,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE sentences (
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, sentence_index)
);

-- Canonical actors seen in stored articles (the knowledge base entry at the time of storing).
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY,
    code VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    kind VARCHAR NOT NULL,
    aliases VARCHAR[] NOT NULL
);

CREATE TABLE mentions (
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    actor_id VARCHAR,  -- NULL: the mention could not be resolved
    confidence DOUBLE NOT NULL,
    role_title VARCHAR
);

-- One row per event; the participants as actor id + mention text + code, the further
-- participants (`others`) as their contract JSON plus their ids for filtering.
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    doc_path VARCHAR,
    doc_ref VARCHAR,
    sentence_index INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    event_type VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR[] NOT NULL,
    cameo_root VARCHAR,
    quad_class INTEGER NOT NULL,
    intensity DOUBLE NOT NULL,
    trigger VARCHAR,
    source_id VARCHAR,
    source_text VARCHAR,
    source_code VARCHAR,
    target_id VARCHAR,
    target_text VARCHAR,
    target_code VARCHAR,
    others JSON NOT NULL,
    other_ids VARCHAR[] NOT NULL,
    date DATE,
    date_precision VARCHAR,
    date_text VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    killed INTEGER,
    injured INTEGER,
    arrested INTEGER,
    negated BOOLEAN NOT NULL,
    hypothetical BOOLEAN NOT NULL,
    historical BOOLEAN NOT NULL,
    reported_by VARCHAR,
    confidence DOUBLE NOT NULL
);

CREATE TABLE skips (
    input VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR NOT NULL,
    "at" TIMESTAMP NOT NULL  -- quoted: AT is an SQL keyword
);
