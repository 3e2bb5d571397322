"""Persistence for recert-tui: one JSON file, written atomically, one writer at a time.

Never imports textual, so the CLI and tests can use it without the UI.
"""

from .backups import list_backups, newest_good_backup, restore_backup
from .errors import NotFound, ReadOnlyStore, SaveFailed, StoreDamaged, StoreError, StoreRefused, StoreTooNew
from .paths import default_db_path, resolve_db_path
from .repository import Store
from .schema import SCHEMA_VERSION

__all__ = [
    "Store",
    "SCHEMA_VERSION",
    "StoreError",
    "StoreDamaged",
    "StoreTooNew",
    "StoreRefused",
    "ReadOnlyStore",
    "SaveFailed",
    "NotFound",
    "default_db_path",
    "resolve_db_path",
    "list_backups",
    "newest_good_backup",
    "restore_backup",
]
