"""Files written inside a transaction that does not commit are removed again: a failed request leaves no orphan.

Django writes an uploaded file to storage as soon as `FieldFile.save()` runs, long before the row that points at
it is committed; when the transaction then rolls back (a constraint, a lost race, a crash in a later step), the
file would stay in MEDIA_ROOT with nothing pointing at it, holding personal data that no retention job will ever
find. `atomic_with_files()` is `transaction.atomic()` that deletes the files registered inside it on a rollback.
Use it as the outermost transaction of a service that stores an upload.
"""

import contextlib
import logging

from django.db import transaction

logger = logging.getLogger("kennisplatform.uploads")


@contextlib.contextmanager
def atomic_with_files():
    """`with atomic_with_files() as keep: ...; instance.file.save(...); keep(instance.file)`."""
    written: list[tuple] = []

    def keep(fieldfile):
        if fieldfile and fieldfile.name:
            written.append((fieldfile.storage, fieldfile.name))

    try:
        with transaction.atomic():
            yield keep
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Bestand van een mislukte opslag kon niet worden verwijderd.")
        raise
