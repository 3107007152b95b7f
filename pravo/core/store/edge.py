"""Qdrant Edge as the embedded store: Qdrant's own engine in-process, on disk, no server.

qdrant-client's local mode scores every point in Python (about 160 ms per hybrid query at 1,200
chunks, a second at 20,000); Qdrant Edge (``qdrant-edge-py``) runs the same Query API requests —
prefetch, DBSF/RRF fusion, formula re-scoring, filters — in Rust, in milliseconds.

``EdgeClient`` offers the handful of ``QdrantClient`` methods ``QdrantStore`` uses, taking and
returning qdrant-client's models, so the store and the retriever build one request for both
engines. Each collection is one Edge shard in ``<path>/<collection>/``. Translation lives in small
pure functions (``edge_filter``, ``edge_query``...).
"""

from __future__ import annotations

import json
import shutil
import threading
import uuid
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import portalocker
import qdrant_edge as edge
from qdrant_client import models

from pravo.core.errors import StoreError

_SCHEMA_FILE = "pravo-schema.json"


# -- pure translations: qdrant-client models → Qdrant Edge ---------------------------------------


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def edge_condition(condition: Any) -> Any:
    """One filter condition."""
    if isinstance(condition, models.Filter):
        return edge_filter(condition)
    if isinstance(condition, models.FieldCondition):
        match = condition.match
        if isinstance(match, models.MatchValue):
            return edge.FieldCondition(key=condition.key, match=edge.MatchValue(match.value))
        if isinstance(match, models.MatchAny):
            return edge.FieldCondition(key=condition.key, match=edge.MatchAny(list(match.any)))
        if isinstance(match, models.MatchExcept):
            return edge.FieldCondition(key=condition.key, match=edge.MatchExcept(list(match.except_)))
        rng = condition.range
        if isinstance(rng, models.DatetimeRange):
            return edge.FieldCondition(
                key=condition.key,
                range=edge.RangeDateTime(gte=_iso(rng.gte), gt=_iso(rng.gt), lte=_iso(rng.lte), lt=_iso(rng.lt)),
            )
        if isinstance(rng, models.Range):
            return edge.FieldCondition(key=condition.key, range=edge.RangeFloat(gte=rng.gte, gt=rng.gt, lte=rng.lte, lt=rng.lt))
        if condition.is_null is not None or condition.is_empty is not None:
            return edge.FieldCondition(key=condition.key, is_null=condition.is_null, is_empty=condition.is_empty)
    if isinstance(condition, models.IsNullCondition):
        return edge.IsNullCondition(condition.is_null.key)
    if isinstance(condition, models.IsEmptyCondition):
        return edge.IsEmptyCondition(condition.is_empty.key)
    raise StoreError(f"the embedded store cannot evaluate the filter condition {condition!r}")


def edge_filter(flt: models.Filter | None) -> Any:
    """A filter with its must / should / must_not lists."""
    if flt is None:
        return None

    def many(conditions: Any) -> list[Any] | None:
        if conditions is None:
            return None
        items = conditions if isinstance(conditions, list) else [conditions]
        return [edge_condition(c) for c in items]

    return edge.Filter(must=many(flt.must), should=many(flt.should), must_not=many(flt.must_not))


def edge_expression(expr: Any) -> Any:
    """A formula expression tree."""
    if isinstance(expr, str):
        return edge.Expression.Variable(expr)
    if isinstance(expr, (int, float)):
        return edge.Expression.Constant(float(expr))
    if isinstance(expr, models.SumExpression):
        return edge.Expression.Sum([edge_expression(e) for e in expr.sum])
    if isinstance(expr, models.MultExpression):
        return edge.Expression.Mult([edge_expression(e) for e in expr.mult])
    if isinstance(expr, models.DivExpression):
        d = expr.div
        return edge.Expression.Div(edge_expression(d.left), edge_expression(d.right), d.by_zero_default)
    if isinstance(expr, (models.Filter, models.FieldCondition)):
        return edge.Expression.Condition(edge_condition(expr))
    raise StoreError(f"the embedded store cannot evaluate the formula expression {expr!r}")


def _vector(value: Any) -> Any:
    if isinstance(value, models.SparseVector):
        return edge.SparseVector(indices=list(value.indices), values=list(value.values))
    return value


def edge_query(query: Any, using: str | None = None) -> Any:
    """A scoring query: a vector (dense, multi or sparse), a fusion, or a formula."""
    if query is None:
        return None
    if isinstance(query, models.FusionQuery):
        return edge.Fusion.Dbsf() if query.fusion == models.Fusion.DBSF else edge.Fusion.Rrf(k=60)
    if isinstance(query, models.RrfQuery):
        return edge.Fusion.Rrf(k=query.rrf.k or 60, weights=query.rrf.weights)
    if isinstance(query, models.FormulaQuery):
        return edge.Formula(edge_expression(query.formula), defaults=query.defaults)
    if isinstance(query, (list, models.SparseVector)):
        return edge.Query.Nearest(_vector(query), using=using)
    raise StoreError(f"the embedded store cannot run the query {type(query).__name__}")


def edge_prefetch(prefetch: models.Prefetch) -> Any:
    return edge.Prefetch(
        limit=prefetch.limit or 10,
        query=edge_query(prefetch.query, prefetch.using),
        prefetches=[edge_prefetch(p) for p in _as_list(prefetch.prefetch)] or None,
        filter=edge_filter(prefetch.filter),
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _payload_selector(with_payload: Any) -> Any:
    if isinstance(with_payload, models.PayloadSelectorExclude):
        return edge.PayloadSelector.Exclude(list(with_payload.exclude))
    if isinstance(with_payload, models.PayloadSelectorInclude):
        return edge.PayloadSelector.Include(list(with_payload.include))
    return bool(with_payload)


def _point_id(value: Any) -> Any:
    if isinstance(value, str):
        return uuid.UUID(value)
    return value


def _out_id(value: Any) -> Any:
    return str(value) if isinstance(value, uuid.UUID) else value


def _out_vector(vector: Any) -> Any:
    if isinstance(vector, dict):
        return {k: (models.SparseVector(indices=v.indices, values=v.values) if isinstance(v, edge.SparseVector) else v) for k, v in vector.items()}
    return vector


def _edge_points(points: list[models.PointStruct]) -> list[Any]:
    out = []
    for p in points:
        vector = p.vector if isinstance(p.vector, dict) else {}
        out.append(edge.Point(id=_point_id(p.id), vector={k: _vector(v) for k, v in vector.items()}, payload=p.payload))
    return out


def _edge_update(operation: Any) -> Any:
    """One qdrant-client update operation (upsert, delete, set payload) as Qdrant Edge's."""
    if isinstance(operation, models.UpsertOperation):
        return edge.UpdateOperation.upsert_points(_edge_points(operation.upsert.points))  # type: ignore[union-attr]
    if isinstance(operation, models.DeleteOperation):
        selector = operation.delete
        if isinstance(selector, models.FilterSelector):
            return edge.UpdateOperation.delete_points_by_filter(edge_filter(selector.filter))
        return edge.UpdateOperation.delete_points([_point_id(i) for i in selector.points])  # type: ignore[union-attr]
    if isinstance(operation, models.SetPayloadOperation):
        change = operation.set_payload
        if change.filter is not None:
            return edge.UpdateOperation.set_payload_by_filter(edge_filter(change.filter), change.payload, key=change.key)
        return edge.UpdateOperation.set_payload([_point_id(i) for i in change.points or []], change.payload, key=change.key)
    raise StoreError(f"Qdrant Edge adapter: unsupported update operation {type(operation).__name__}")


# -- the client -----------------------------------------------------------------------------------


class EdgeClient:
    """The subset of ``QdrantClient`` that ``QdrantStore`` uses, on Qdrant Edge shards in one folder.

    :raises StoreError: if another process holds the folder.
    """

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock_file = (self.path / ".lock").open("a")
        try:
            portalocker.lock(self._lock_file, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
        except portalocker.exceptions.LockException as e:
            self._lock_file.close()
            raise RuntimeError(f"Storage folder {path} is already accessed by another instance") from e
        self._shards: dict[str, Any] = {}
        self._mutex = threading.RLock()

    def _dir(self, name: str) -> Path:
        return self.path / name

    def _shard(self, name: str) -> Any:
        with self._mutex:
            shard = self._shards.get(name)
            if shard is None:
                if not self.collection_exists(name):
                    raise StoreError(f"collection {name!r} does not exist in {self.path}")
                shard = edge.EdgeShard.load(str(self._dir(name)))
                self._shards[name] = shard
            return shard

    # collections
    def collection_exists(self, name: str) -> bool:
        return (self._dir(name) / _SCHEMA_FILE).is_file()

    def get_collections(self) -> Any:
        names = sorted(d.name for d in self.path.iterdir() if (d / _SCHEMA_FILE).is_file()) if self.path.is_dir() else []
        return SimpleNamespace(collections=[SimpleNamespace(name=n) for n in names])

    def create_collection(self, name: str, vectors_config: Any, sparse_vectors_config: Any = None, **_: Any) -> None:
        vectors = {}
        for vname, params in (vectors_config or {}).items():
            multi = None
            if params.multivector_config is not None:
                multi = edge.MultiVectorConfig(comparator=edge.MultiVectorComparator.MaxSim)
            vectors[vname] = edge.EdgeVectorParams(size=params.size, distance=edge.Distance.Cosine, multivector_config=multi)
        sparse = {}
        for sname, params in (sparse_vectors_config or {}).items():
            modifier = edge.Modifier.Idf if params.modifier == models.Modifier.IDF else None
            sparse[sname] = edge.EdgeSparseVectorParams(modifier=modifier)
        if not vectors and not sparse:
            # Edge needs some vector; records-only collections (documents) leave this one empty
            vectors["_records"] = edge.EdgeVectorParams(size=1, distance=edge.Distance.Dot)
        folder = self._dir(name)
        with self._mutex:
            self._shards[name] = edge.EdgeShard.create(str(folder), edge.EdgeConfig(vectors=vectors, sparse_vectors=sparse))
            schema = {"vectors": sorted(vectors_config or {}), "sparse_vectors": sorted(sparse_vectors_config or {})}
            (folder / _SCHEMA_FILE).write_text(json.dumps(schema), encoding="utf-8")

    def get_collection(self, name: str) -> Any:
        schema = json.loads((self._dir(name) / _SCHEMA_FILE).read_text(encoding="utf-8"))
        params = SimpleNamespace(
            vectors={v: None for v in schema["vectors"]}, sparse_vectors={v: None for v in schema["sparse_vectors"]}
        )
        return SimpleNamespace(config=SimpleNamespace(params=params))

    def delete_collection(self, name: str) -> None:
        with self._mutex:
            shard = self._shards.pop(name, None)
            if shard is not None:
                shard.close()
            shutil.rmtree(self._dir(name), ignore_errors=True)

    # points
    def upsert(self, collection_name: str, points: list[models.PointStruct], wait: bool = True) -> None:
        shard = self._shard(collection_name)
        shard.update(edge.UpdateOperation.upsert_points(_edge_points(points)))
        shard.flush()

    def delete(self, collection_name: str, points_selector: Any, wait: bool = True) -> None:
        shard = self._shard(collection_name)
        if isinstance(points_selector, models.FilterSelector):
            shard.update(edge.UpdateOperation.delete_points_by_filter(edge_filter(points_selector.filter)))
        else:
            shard.update(edge.UpdateOperation.delete_points([_point_id(i) for i in points_selector.points]))
        shard.flush()

    def batch_update_points(self, collection_name: str, update_operations: list[Any], wait: bool = True) -> None:
        """Upserts, deletes and payload updates applied in order, flushed once (one round trip)."""
        shard = self._shard(collection_name)
        for operation in update_operations:
            shard.update(_edge_update(operation))
        shard.flush()

    def retrieve(self, collection_name: str, ids: list[Any], with_payload: Any = True, with_vectors: bool = False) -> list[Any]:
        records = self._shard(collection_name).retrieve(
            point_ids=[_point_id(i) for i in ids], with_payload=_payload_selector(with_payload), with_vector=with_vectors
        )
        return [models.Record(id=_out_id(r.id), payload=r.payload, vector=_out_vector(r.vector)) for r in records]

    def count(self, collection_name: str, count_filter: Any = None, exact: bool = True) -> Any:
        return SimpleNamespace(count=self._shard(collection_name).count(edge.CountRequest(exact=exact, filter=edge_filter(count_filter))))

    def scroll(
        self, collection_name: str, scroll_filter: Any = None, limit: int = 10, offset: Any = None,
        with_payload: Any = True, with_vectors: bool = False,
    ) -> tuple[list[Any], Any]:
        records, next_offset = self._shard(collection_name).scroll(
            edge.ScrollRequest(
                offset=_point_id(offset) if offset is not None else None, limit=limit, filter=edge_filter(scroll_filter),
                with_payload=_payload_selector(with_payload), with_vector=with_vectors,
            )
        )
        out = [models.Record(id=_out_id(r.id), payload=r.payload, vector=_out_vector(r.vector)) for r in records]
        return out, _out_id(next_offset) if next_offset is not None else None

    def query_points(
        self, collection_name: str, query: Any = None, using: str | None = None, prefetch: Any = None,
        query_filter: Any = None, limit: int = 10, with_payload: Any = True, with_vectors: bool = False,
    ) -> Any:
        request = edge.QueryRequest(
            limit=limit,
            query=edge_query(query, using),
            prefetches=[edge_prefetch(p) for p in _as_list(prefetch)] or None,
            filter=edge_filter(query_filter),
            with_payload=_payload_selector(with_payload),
            with_vector=with_vectors,
        )
        points = [
            models.ScoredPoint(id=_out_id(p.id), version=0, score=p.score, payload=p.payload, vector=_out_vector(p.vector))
            for p in self._shard(collection_name).query(request)
        ]
        return SimpleNamespace(points=points)

    def close(self) -> None:
        with self._mutex:
            for shard in self._shards.values():
                shard.close()
            self._shards.clear()
            if not self._lock_file.closed:
                portalocker.unlock(self._lock_file)
                self._lock_file.close()
