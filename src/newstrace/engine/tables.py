"""The tables of a Spark run's results: one statement of their columns for the engine that writes
them (``engine/spark.py``) and the load that reads them (``engine/load.py``).

The writer's schemas and the load's checks were written apart, so a column added to one could go
unread or unchecked by the other; both now build on ``COLUMNS``.
"""

from __future__ import annotations

from typing import Any

from newstrace.store.results import CLUSTER_COLUMNS

#: each table (one folder of Parquet files under ``--out``) and its columns, each with the kind of
#: value it holds; the load checks them in this order (``state`` first: no table says more of
#: whose run it was)
COLUMNS: dict[str, dict[str, str]] = {
    "state": {"key": "text", "value": "bytes"},
    "articles": {"id": "text", "json": "text"},
    "keys": {"key": "text", "article": "text"},
    "pairs": {"a": "text", "b": "text", "chars": "integer", "quoted": "integer", "shorter": "integer", "shared": "text"},
    "claims": {"article": "text", "json": "text"},
    "stories": {"level": "text"} | {c: {"size": "integer", "state": "bytes"}.get(c, "text") for c in CLUSTER_COLUMNS},
    "memberships": {"article": "text", "story": "text", "score": "number"},
    "provenance": {"story": "text", "source": "text", "derived": "text", "confidence": "number", "evidence": "text"},
}

#: the tables, as ``--out`` holds them
TABLES = tuple(COLUMNS)

#: columns results of older versions lack: ``pairs.shorter`` came later, and such results load
#: with it 0, as they did
OPTIONAL: dict[str, set[str]] = {"pairs": {"shorter"}}

#: columns a row may leave empty (null); every other column has a value in every row
MAY_BE_NULL: dict[str, set[str]] = {
    "pairs": {"shorter"},
    "stories": set(CLUSTER_COLUMNS) - {"id"},  # a thread has no thread, a merged cluster no size nor state
}


def arrow_schema(table: str) -> Any:
    """``table``'s columns as an Arrow schema (the tables the driver writes with pyarrow)."""
    import pyarrow as pa

    types = {"text": pa.string(), "integer": pa.int64(), "number": pa.float64(), "bytes": pa.binary()}
    return pa.schema([(c, types[k]) for c, k in COLUMNS[table].items()])


def spark_schema(table: str) -> Any:
    """``table``'s columns as a Spark schema (the tables the executors write)."""
    from pyspark.sql.types import (
        BinaryType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    types = {"text": StringType(), "integer": LongType(), "number": DoubleType(), "bytes": BinaryType()}
    return StructType([StructField(c, types[k], True) for c, k in COLUMNS[table].items()])
