"""TinyDB's `Table` API over the journal: reads from memory, writes under the lock.

Stock `Table` caches its next document id and its query results; with several processes on
one database both go stale, so ids come from the journal (under the lock, after catching up)
and the query cache is dropped whenever the journal has changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from moderator.store.journal import JournalStorage, diff


class JournalTable(Table):
    _storage: JournalStorage

    def __init__(self, storage: JournalStorage, name: str, cache_size: int = 10,
                 persist_empty: bool = False) -> None:
        self._seen_version = -1
        super().__init__(storage, name, cache_size=cache_size, persist_empty=persist_empty)

    def search(self, cond: Any) -> list[Document]:
        self._storage.refresh()
        self._forget_if_changed()
        return super().search(cond)

    def insert(self, document: Mapping) -> int:
        with self._storage.transaction():
            return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping]) -> list[int]:
        with self._storage.transaction():
            return super().insert_multiple(documents)

    def _get_next_id(self) -> int:
        return self._storage.next_id(self.name)

    def _read_table(self) -> dict[str, Mapping]:
        self._storage.refresh()
        return self._storage.live_table(self.name)

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        with self._storage.transaction():
            before = self._storage.live_table(self.name)
            # a copy per document: TinyDB's updates mutate documents in place
            table: dict[Any, Mapping] = {_key(k): dict(v) for k, v in before.items()}
            updater(table)
            after = {str(k): dict(v) for k, v in table.items()}
            ops = diff({self.name: before}, {self.name: after})
            self._storage.commit([op for op in ops if op[0] != "clear" or before])
        self.clear_cache()

    def _forget_if_changed(self) -> None:
        if self._storage.version != self._seen_version:
            self.clear_cache()
            self._seen_version = self._storage.version


def _key(key: str) -> int | str:
    return int(key) if key.isdigit() else key


class JournalDB(TinyDB):
    """`TinyDB` over an open `JournalStorage`; its tables are `JournalTable`s."""

    table_class = JournalTable

    def __init__(self, storage: JournalStorage) -> None:
        super().__init__(storage=lambda: storage)
