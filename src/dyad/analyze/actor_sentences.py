"""The stored sentences that mention some actors, with every actor mention in them.

A read function for ``Store.run``: positions are read from these at query time.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dyad.analyze.evidence import ActorRef, Evidence


@dataclass(frozen=True, slots=True)
class SentenceMention:
    start: int  # offsets into the sentence's text
    end: int
    text: str
    actor: ActorRef | None  # None: the words were not resolved to an actor


@dataclass(frozen=True, slots=True)
class StoredSentence:
    evidence: Evidence
    published: str | None  # the article's publication date, ISO
    mentions: tuple[SentenceMention, ...]  # in text order

    @property
    def text(self) -> str:
        return self.evidence.sentence

    @property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(m.actor.id for m in self.mentions if m.actor and m.actor.id)


_SENTENCES_MENTIONING = """
WITH wanted AS (
    SELECT DISTINCT doc_id, sentence_index FROM mentions WHERE list_contains(?, actor_id)
)
SELECT s.doc_id, s.sentence_index, s.text, a.doc_path, a.published,
       list(struct_pack(start := m.char_start - s.char_start, "end" := m.char_end - s.char_start,
                        text := m.text, id := m.actor_id, name := ac.name, code := ac.code,
                        country := ac.country)
            ORDER BY m.char_start, m.char_end) AS mentions
FROM wanted w
JOIN sentences s USING (doc_id, sentence_index)
JOIN articles a USING (doc_id)
JOIN mentions m ON m.doc_id = s.doc_id AND m.sentence_index = s.sentence_index
LEFT JOIN actors ac ON ac.id = m.actor_id
GROUP BY ALL
ORDER BY a.published NULLS LAST, s.doc_id, s.sentence_index
"""


def sentences_mentioning(
    con: duckdb.DuckDBPyConnection, actor_ids: tuple[str, ...]
) -> list[StoredSentence]:
    """Every stored sentence with a mention of one of ``actor_ids``, oldest article first."""
    rows = con.execute(_SENTENCES_MENTIONING, [list(actor_ids)]).fetchall()
    return [
        StoredSentence(
            evidence=Evidence(doc_id, index, text, doc_path=doc_path),
            published=published.isoformat() if published else None,
            mentions=tuple(_mention(m) for m in mentions),
        )
        for doc_id, index, text, doc_path, published, mentions in rows
    ]


def _mention(row: dict[str, object]) -> SentenceMention:
    actor = (
        ActorRef(id=str(row["id"]), name=str(row["name"]), code=row["code"], country=row["country"])  # type: ignore[arg-type]
        if row["id"] is not None and row["name"] is not None
        else None
    )
    return SentenceMention(int(row["start"]), int(row["end"]), str(row["text"]), actor)  # type: ignore[call-overload]
