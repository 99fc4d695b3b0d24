-- Fusion blocks by type family and any one known side (a report missing a side can join reports
-- naming both), not by the exact pair, and keeps each event's component (the reports linked to
-- it through any chain), which a new article's events are clustered again with. Clusters are
-- derived data: the table is emptied and dyad.store.Store fuses the stored events again right
-- after this upgrade.
DROP TABLE event_clusters;
CREATE TABLE event_clusters (
    event_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    component_id VARCHAR NOT NULL,  -- reports linked through any chain (clusters split these)
    family VARCHAR,  -- NULL: never fused (a repeat within its article, undated, no side known)
    sides VARCHAR[],  -- the known sides' countries (an actor of no country: its id)
    date_lo DATE,  -- the days the event may have happened on, given its date's precision
    date_hi DATE
);
