"""Export: the contract mapping and the JSON Lines / CSV / Parquet writers."""

from dyad.export.contract import event_record, mention_record
from dyad.export.writers import FORMATS, write_csv, write_jsonl, write_parquet

__all__ = ["FORMATS", "event_record", "mention_record", "write_csv", "write_jsonl", "write_parquet"]
