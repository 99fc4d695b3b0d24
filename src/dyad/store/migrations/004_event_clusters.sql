-- Cross-article fusion (dyad.store.fusion): each event's cluster, the blocking key it is
-- compared under (NULL: never fused: a repeat within its article, undated, year-precise) and the
-- days it may have happened on. No key constraint: fusion renames clusters in place.
CREATE TABLE event_clusters (
    event_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    block VARCHAR,
    date_lo DATE,
    date_hi DATE
);

-- The contract's fusion fields per cluster. An article of unknown outlet counts as an outlet of
-- its own (as dyad.store.fusion.outlet_key).
CREATE VIEW cluster_facts AS
SELECT c.cluster_id,
       count(DISTINCT e.doc_id) AS num_reports,
       count(DISTINCT coalesce(lower(a.source), 'doc:' || a.doc_id)) AS num_sources,
       min(a.published) AS first_reported
FROM event_clusters c
JOIN events e ON e.event_id = c.event_id
JOIN articles a ON a.doc_id = e.doc_id
GROUP BY c.cluster_id;
