"""Reading an uploaded .xlsx or .docx in the official layout: safety checks, then rows."""

from .docx import docx_read
from .reader import read_items
from .rows import ItemData, RowError
from .uploads import upload_check
from .xlsx import xlsx_read


def layout_file_read(
    source, *, name: str, vocabulary
) -> tuple[list[ItemData], list[RowError]]:
    """The items of ``source`` (a path or a binary file named ``name``) and row errors.

    The upload checks (type, size, zip and XML bombs) run before any parser opens
    the file. Raises ``ValidationError`` for a file that cannot be read at all.
    """
    suffix = upload_check(source, name=name)
    grids = [xlsx_read(source)] if suffix == ".xlsx" else docx_read(source)
    return read_items(grids, vocabulary=vocabulary)
