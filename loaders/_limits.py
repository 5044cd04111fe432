"""Size limits of the readers and the internal error they raise (turned into ``ExtractionError``)."""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024          # any input file
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024     # all members of a .docx together, uncompressed
MAX_ZIP_RATIO = 200                        # uncompressed / compressed size of one .docx member
MAX_PDF_PAGES = 2000


class Unreadable(Exception):
    """A reader could not get text out of a file; the message is the one-line reason."""
